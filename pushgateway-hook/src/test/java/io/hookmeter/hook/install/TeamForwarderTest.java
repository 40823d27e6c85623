package io.hookmeter.hook.install;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The forwarder's service file read back as {@code install --team} wrote it, for doctor. */
class TeamForwarderTest {
    private static final Path HOME = Path.of("/home/dana");
    private final TeamForwarder forwarders = new TeamForwarder(Map.of("HOME", HOME.toString()));

    private static TeamForwarder.Setup setup(String url, String listen) {
        return new TeamForwarder.Setup(Path.of("/src/hook meter/deploy/team/forwarder"), url, "platform",
                HOME.resolve(".hookmeter"), "laptop-d", "/usr/bin/vmagent", listen);
    }

    @Test
    void readsBackTheSystemdUnitItWrote() {
        Path file = forwarders.file(AgentService.Kind.SYSTEMD);
        String unit = forwarders.content(AgentService.Kind.SYSTEMD,
                setup("http://store.example:8480/insert/0/prometheus", "127.0.0.1:18429"));

        TeamForwarder.Installed read = TeamForwarder.read(AgentService.Kind.SYSTEMD, file, unit);

        assertEquals(new TeamForwarder.Installed(file, "http://store.example:8480/insert/0/prometheus", "platform",
                "127.0.0.1:18429", "systemctl --user status hookmeter-forwarder.service"), read);
    }

    @Test
    void readsBackTheLaunchdPlistItWrote() {
        Path file = forwarders.file(AgentService.Kind.LAUNCHD);
        String plist = forwarders.content(AgentService.Kind.LAUNCHD, setup("http://a&b.example:8428", "[::1]:9429"));

        TeamForwarder.Installed read = TeamForwarder.read(AgentService.Kind.LAUNCHD, file, plist);

        assertEquals(new TeamForwarder.Installed(file, "http://a&b.example:8428", "platform", "[::1]:9429",
                "launchctl print gui/$UID/io.hookmeter.forwarder"), read);
    }

    @Test
    void withoutAListenAddressTheForwardersDefaultIsRead() {
        for (AgentService.Kind kind : AgentService.Kind.values()) {
            String content = forwarders.content(kind, setup("http://store:8428", null));
            assertEquals("127.0.0.1:8429", TeamForwarder.read(kind, Path.of("f"), content).listen(), content);
        }
    }

    @Test
    void aFileWithoutItsCommandHasNoUrlAndWithoutATeamTheForwardersDefault() {
        TeamForwarder.Installed read = TeamForwarder.read(AgentService.Kind.SYSTEMD, Path.of("f"),
                "[Service]\nEnvironment=HOOKMETER_TEAM=web\n");
        assertNull(read.url());
        assertEquals("web", read.team());
        assertEquals("default", TeamForwarder.read(AgentService.Kind.SYSTEMD, Path.of("f"),
                "ExecStart=/x/forwarder http://s:8428\n").team());
    }

    @Test
    void systemdWordsUndoItsQuoting() {
        String value = "a b\"c\\d%e";
        assertEquals(List.of("/bin/x", value, ""), TeamForwarder.systemdWords("/bin/x "
                + AgentService.systemdQuoted(value) + " \"\""));
    }
}
