package io.hookmeter.hook.install;

import io.hookmeter.hook.CommandTable;
import io.hookmeter.hook.claude.EventRecorder;
import io.hookmeter.hook.cli.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** install/uninstall on fixture settings files. */
class InstallCommandTest {
    private static final String LAUNCHER = "/opt/hook meter/bin/hookmeter";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void launcher() {
        System.setProperty("hookmeter.launcher", LAUNCHER);
    }

    @AfterAll
    static void clear() {
        System.clearProperty("hookmeter.launcher");
    }

    private int run(Path dir, boolean install, String... args) {
        out.reset();
        err.reset();
        String[] all = Stream.concat(Stream.of("--project", dir.toString()), Stream.of(args)).toArray(String[]::new);
        return command(install, Map.of(), all);
    }

    /** The command as {@code hookmeter install} or {@code uninstall} runs it. */
    private int command(boolean install, Map<String, String> env, String... args) {
        return (install ? CommandTable.INSTALL : CommandTable.UNINSTALL).run(List.of(args),
                new Context(InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8), env));
    }

    private static Path fixture(Path dir, String name) throws IOException {
        Path file = Files.createDirectories(dir.resolve(".claude")).resolve("settings.json");
        try (InputStream in = InstallCommandTest.class.getResourceAsStream("/settings/" + name)) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree(Path file) throws IOException {
        return (Map<String, Object>) JsonTree.parse(Files.readString(file));
    }

    private static long backups(Path file) throws IOException {
        try (Stream<Path> files = Files.list(file.getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith("settings.json.hookmeter-backup-")).count();
        }
    }

    @Test
    void intoANewOrEmptyFileWithEveryEventAndTheStatusLine(@TempDir Path dir) throws IOException {
        Path file = fixture(dir, "empty.json");
        assertEquals(0, run(dir, true), err.toString());
        Map<String, Object> settings = tree(file);
        Map<String, Object> hooks = (Map<String, Object>) settings.get("hooks");
        assertEquals(new TreeSet<>(EventRecorder.EVENTS), new TreeSet<>(hooks.keySet()),
                "every event the recorder knows is installed, and no other");
        Map<String, Object> post = (Map<String, Object>) ((List<Object>) hooks.get("PostToolUse")).get(0);
        assertEquals("*", post.get("matcher"));
        Map<String, Object> entry = (Map<String, Object>) ((List<Object>) post.get("hooks")).get(0);
        assertEquals("'" + LAUNCHER + "' hook", entry.get("command"), "absolute and quoted for the shell");
        assertFalse(entry.containsKey("async"), "synchronous: claude -p kills async hooks still running at exit");
        assertEquals(new JsonTree.Num("5"), entry.get("timeout"));
        Map<String, Object> stop = (Map<String, Object>) ((List<Object>) hooks.get("Stop")).get(0);
        Map<String, Object> stopEntry = (Map<String, Object>) ((List<Object>) stop.get("hooks")).get(0);
        assertEquals("command", stopEntry.get("type"));
        assertFalse(stopEntry.containsKey("async"));
        assertEquals("'" + LAUNCHER + "' statusline", ((Map<String, Object>) settings.get("statusLine")).get("command"));
        assertEquals(1, backups(file), "the empty file was backed up too");

        Path fresh = dir.resolve("other");
        assertEquals(0, run(fresh, true));
        assertTrue(Files.exists(fresh.resolve(".claude/settings.json")), "created when missing");
    }

    @Test
    void foreignHooksAndSettingsStayExactlyAsTheyWereAndTwiceChangesNothing(@TempDir Path dir) throws IOException {
        Path file = fixture(dir, "foreign-hooks.json");
        Map<String, Object> before = tree(file);
        assertEquals(0, run(dir, true), err.toString());
        String once = Files.readString(file);
        Map<String, Object> after = tree(file);
        for (String key : List.of("model", "permissions", "cleanupPeriodDays", "env", "includeCoAuthoredBy",
                "apiKeyHelper")) {
            assertEquals(before.get(key), after.get(key), key);
        }
        assertTrue(once.contains("\"cleanupPeriodDays\": 1.50e1"), "numbers keep their text: " + once);
        assertTrue(once.contains("b\u00e4r \\\"quoted\\\""), once);
        List<Object> post = (List<Object>) ((Map<String, Object>) after.get("hooks")).get("PostToolUse");
        assertEquals(2, post.size());
        assertEquals(((List<Object>) ((Map<String, Object>) before.get("hooks")).get("PostToolUse")).get(0),
                post.get(0), "the foreign PostToolUse hook is first and unchanged");

        assertEquals(0, run(dir, true));
        assertTrue(out.toString().contains("nothing changed"), out.toString());
        assertEquals(once, Files.readString(file), "idempotent");
        assertEquals(1, backups(file), "no second backup when nothing changes");

        assertEquals(0, run(dir, false), err.toString());
        assertEquals(before, tree(file), "uninstall gives back exactly the original settings");
        assertEquals(0, run(dir, false));
        assertTrue(out.toString().contains("nothing changed"));
    }

    @Test
    void anExistingStatusLineIsKeptUnlessAsked(@TempDir Path dir) throws IOException {
        Path file = fixture(dir, "with-statusline.json");
        Map<String, Object> mine = (Map<String, Object>) tree(file).get("statusLine");
        assertEquals(0, run(dir, true));
        assertEquals(mine, tree(file).get("statusLine"));
        assertTrue(out.toString().contains("your own status line is kept"), out.toString());

        assertEquals(0, run(dir, true, "--statusline"));
        assertEquals("'" + LAUNCHER + "' statusline",
                ((Map<String, Object>) tree(file).get("statusLine")).get("command"));
        assertEquals(0, run(dir, false));
        assertFalse(tree(file).containsKey("statusLine"), "ours is removed on uninstall");
        assertFalse(tree(file).containsKey("hooks"));

        Path other = dir.resolve("no-line");
        assertEquals(0, run(other, true, "--no-statusline"));
        assertFalse(tree(other.resolve(".claude/settings.json")).containsKey("statusLine"));
    }

    @Test
    void malformedFilesAreRefusedAndLeftUntouched(@TempDir Path dir) throws IOException {
        for (String name : List.of("malformed.json", "hooks-not-object.json")) {
            Path file = fixture(dir, name);
            byte[] before = Files.readAllBytes(file);
            assertEquals(1, run(dir, true), name);
            assertTrue(err.toString().contains("refusing to change") && err.toString().contains("Nothing was changed"),
                    err.toString());
            assertEquals(1, err.toString().lines().count(), "one clear line, no stack trace: " + err);
            assertEquals(1, run(dir, false), name);
            assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(file), name);
            assertEquals(0, backups(file));
        }
    }

    @Test
    void dryRunPrintsTheResultAndWritesNothing(@TempDir Path dir) throws IOException {
        Path file = fixture(dir, "foreign-hooks.json");
        byte[] before = Files.readAllBytes(file);
        assertEquals(0, run(dir, true, "--dry-run"));
        assertNotNull(JsonTree.parse(out.toString()));
        assertTrue(out.toString().contains("' hook\""), out.toString());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(file));
        assertEquals(0, backups(file));
    }

    @Test
    void httpHooksGoToTheAgentExceptSessionStartAndUninstallTakesThemOut(@TempDir Path dir) throws IOException {
        Path file = fixture(dir, "foreign-hooks.json");
        String before = Files.readString(file);
        assertEquals(0, run(dir, true, "--http", "--no-statusline"), err.toString());
        Map<String, Object> hooks = (Map<String, Object>) tree(file).get("hooks");
        Map<String, Object> post = lastEntry(hooks, "PostToolUse");
        assertEquals("http", post.get("type"));
        assertEquals("http://127.0.0.1:9096/hook", post.get("url"));
        assertEquals(new JsonTree.Num("2"), post.get("timeout"));
        Map<String, Object> sessionStart = lastEntry(hooks, "SessionStart");
        assertEquals("command", sessionStart.get("type"), "Claude Code takes only command hooks on SessionStart");
        assertEquals("'" + LAUNCHER + "' hook --await-agent", sessionStart.get("command"),
                "the session's next event is an http hook: SessionStart's waits for a starting agent");
        assertEquals("http", InstalledHooks.mode(file));
        assertEquals(0, run(dir, true, "--http", "--no-statusline"));
        assertTrue(out.toString().contains("already installed"), "twice changes nothing: " + out);

        assertEquals(0, run(dir, true, "--no-statusline"));
        assertEquals("command", InstalledHooks.mode(file), "installing again switches the mode, nothing doubled");
        assertEquals(0, run(dir, true, "--http", "--no-statusline"));
        assertEquals(0, run(dir, false));
        assertEquals(JsonTree.parse(before), JsonTree.parse(Files.readString(file)), "only ours went");
        assertEquals("none", InstalledHooks.mode(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lastEntry(Map<String, Object> hooks, String event) {
        List<Object> groups = (List<Object>) hooks.get(event);
        List<Object> entries = (List<Object>) ((Map<String, Object>) groups.get(groups.size() - 1)).get("hooks");
        return (Map<String, Object>) entries.get(entries.size() - 1);
    }

    @Test
    void theServiceFilesKeepTheAgentRunningAndUninstallRemovesThem(@TempDir Path dir) throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Map<String, String> env = Map.of("HOME", home.toString(), "HOOKMETER_HOME", home.resolve(".hm").toString());
        assertEquals(0, command(true, env, "--no-statusline", "--service=systemd", "--no-start"), err.toString());
        Path unit = home.resolve(".config/systemd/user/hookmeter-agent.service");
        String systemd = Files.readString(unit);
        assertTrue(systemd.contains("\nExecStart=\"" + LAUNCHER + "\" agent\n"), systemd);
        assertTrue(systemd.contains("\nEnvironment=HOOKMETER_HOME=" + home.resolve(".hm") + "\n"), systemd);
        assertTrue(systemd.contains("\nEnvironment=HOOKMETER_AGENT_IDLE_EXIT_SECONDS=0\n"), "never idles out");
        assertTrue(systemd.contains("\nRestart=always\n") && systemd.contains("\nWantedBy=default.target\n"));
        assertTrue(out.toString().contains("systemctl --user enable --now hookmeter-agent.service"), out.toString());

        assertEquals(0, command(true, env, "--no-statusline", "--service=launchd", "--no-start"));
        Path plist = home.resolve("Library/LaunchAgents/io.hookmeter.agent.plist");
        String launchd = Files.readString(plist);
        assertTrue(launchd.contains("<key>Label</key><string>io.hookmeter.agent</string>"), launchd);
        assertTrue(launchd.contains("<string>" + LAUNCHER + "</string>\n    <string>agent</string>"), launchd);
        assertTrue(launchd.contains("<key>KeepAlive</key><true/>"), launchd);
        assertEquals(2, command(true, env, "--service=upstart"), "an unknown kind is refused");

        assertEquals(0, command(false, env, "--no-start"));
        assertFalse(Files.exists(unit));
        assertFalse(Files.exists(plist));
    }

    @Test
    void teamInstallsTheAgentAndTheForwarderServicesAndUninstallRemovesBoth(@TempDir Path dir) throws IOException {
        Path checkout = dir.resolve("hook meter");
        Path launcher = Files.createDirectories(checkout.resolve("bin")).resolve("hookmeter");
        Files.writeString(launcher, "#!/bin/sh\n");
        Path script = Files.createDirectories(checkout.resolve("deploy/team")).resolve("forwarder");
        Files.writeString(script, "#!/bin/sh\n");
        Path vmagent = Files.createDirectories(dir.resolve("vm")).resolve("vmagent");
        Files.writeString(vmagent, "#!/bin/sh\n");
        vmagent.toFile().setExecutable(true);
        Path home = Files.createDirectories(dir.resolve("home"));
        Map<String, String> env = Map.of("HOME", home.toString(), "HOOKMETER_HOME", home.resolve(".hm").toString(),
                "HOOKMETER_INSTANCE", "laptop-7", "PATH", "/nonexistent:" + vmagent.getParent(),
                "HOOKMETER_FORWARDER_LISTEN", "127.0.0.1:18429");
        System.setProperty("hookmeter.launcher", launcher.toString());
        try {
            assertEquals(0, command(true, env, "--no-statusline", "--no-start", "--team",
                    "http://store.example:8480/insert/0/prometheus/", "--team-name", "platform"), err.toString());
            Path systemd = home.resolve(".config/systemd/user");
            assertTrue(Files.exists(systemd.resolve("hookmeter-agent.service")), "--team implies the agent service");
            String unit = Files.readString(systemd.resolve("hookmeter-forwarder.service"));
            assertTrue(unit.contains("\nExecStart=\"" + script + "\" http://store.example:8480/insert/0/prometheus\n"),
                    unit);
            assertTrue(unit.contains("\nEnvironment=HOOKMETER_TEAM=platform\n"), unit);
            assertTrue(unit.contains("\nEnvironment=HOOKMETER_INSTANCE=laptop-7\n"), "the agent's instance: " + unit);
            assertTrue(unit.contains("\nEnvironment=HOOKMETER_HOME=" + home.resolve(".hm") + "\n"), unit);
            assertTrue(unit.contains("\nEnvironment=VMAGENT=" + vmagent + "\n"), unit);
            assertTrue(unit.contains("\nEnvironment=HOOKMETER_FORWARDER_LISTEN=127.0.0.1:18429\n"),
                    "where doctor finds vmagent: " + unit);
            assertTrue(unit.contains("\nAfter=hookmeter-agent.service\n") && unit.contains("\nRestart=always\n"), unit);
            assertTrue(out.toString().contains("systemctl --user enable --now hookmeter-forwarder.service"),
                    out.toString());
            Path settings = home.resolve(".claude/settings.json");
            assertTrue(Files.readString(settings).contains("hookmeter' hook"), "the hooks as ever");

            assertEquals(0, command(true, env, "--no-statusline", "--no-start", "--service=launchd",
                    "--team", "https://store.example"), err.toString());
            Path plist = home.resolve("Library/LaunchAgents/io.hookmeter.forwarder.plist");
            String launchd = Files.readString(plist);
            assertTrue(launchd.contains("<string>" + script + "</string>\n    <string>https://store.example</string>"),
                    launchd);
            assertTrue(launchd.contains("<key>HOOKMETER_TEAM</key><string>default</string>"), launchd);
            assertTrue(launchd.contains("<key>HOOKMETER_FORWARDER_LISTEN</key><string>127.0.0.1:18429</string>"),
                    launchd);

            assertEquals(0, command(false, env, "--no-start"));
            assertFalse(Files.exists(systemd.resolve("hookmeter-forwarder.service")));
            assertFalse(Files.exists(plist));
            assertFalse(Files.exists(systemd.resolve("hookmeter-agent.service")));
        } finally {
            System.setProperty("hookmeter.launcher", LAUNCHER);
        }
    }

    @Test
    void aBadTeamSetupIsRefusedBeforeAnythingChanges(@TempDir Path dir) throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Map<String, String> env = Map.of("HOME", home.toString(), "HOOKMETER_HOME", home.resolve(".hm").toString());
        assertEquals(2, command(true, env, "--team", "store.example:8428"));
        assertTrue(err.toString().contains("http(s) URL"), err.toString());
        assertEquals(2, command(true, env, "--team", "http://s:8428", "--team-name", "a,b"));
        assertEquals(2, command(true, env, "--team-name", "platform"), "a name without a store");
        assertEquals(2, command(true, env, "--team"));
        err.reset();
        assertEquals(1, command(true, env, "--team", "http://s:8428"), "no deploy/team/forwarder");
        assertTrue(err.toString().contains("deploy/team/forwarder"), err.toString());
        assertFalse(Files.exists(home.resolve(".claude/settings.json")), "nothing was changed");
        assertFalse(Files.exists(home.resolve(".config/systemd/user/hookmeter-agent.service")));
    }

    @Test
    void ourCommandsAreRecognisedInEveryForm() {
        assertTrue(ClaudeSettings.isOurEntry(Map.of("type", "http", "url", "http://127.0.0.1:9096/hook")));
        assertFalse(ClaudeSettings.isOurEntry(Map.of("type", "http", "url", "https://example.com/hook")));
        assertTrue(ClaudeSettings.isOurs("/x/pushgateway-hook/bin/hookmeter hook"));
        assertTrue(ClaudeSettings.isOurs("'/a b/bin/hookmeter' hook"));
        assertTrue(ClaudeSettings.isOurs("hookmeter statusline"));
        assertFalse(ClaudeSettings.isOurs("my-hookmeter-wrapper hook"));
        assertFalse(ClaudeSettings.isOurs("/x/bin/hookmeter report"));
        assertFalse(ClaudeSettings.isOurs(42));
    }

    @Test
    void theUsersSettingsAreUnderHomeLikeClaudeCodesAndClaudeConfigDirWins(@TempDir Path dir) throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        int code = command(true, Map.of("HOME", home.toString()), "--no-statusline");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.exists(home.resolve(".claude/settings.json")), "installed into $HOME/.claude");

        Path configDir = dir.resolve("claude-config");
        assertEquals(configDir.resolve("settings.json"), InstallCommand.settingsFile(null,
                Map.of("HOME", home.toString(), "CLAUDE_CONFIG_DIR", configDir.toString())));
    }
}
