package io.hookmeter.hook.it;

import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import io.hookmeter.harness.Launchers;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import io.hookmeter.hook.state.StateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** install through the real launcher: the command it writes works as Claude Code runs it, and a warm cache is made. */
@ExtendWith(RealServers.class)
class InstallIT {
    @Test
    void theInstalledCommandRunsTheHookAndTheFastStartCacheIsMade(Servers servers) throws Exception {
        HookRuns runs = new HookRuns(servers, "http://127.0.0.1:9", "install");
        Path project = servers.directory("project");
        CommandResult install = runs.run("install", "--project", project.toString());
        assertEquals(0, install.exitCode(), install.toString());
        String settings = Files.readString(project.resolve(".claude/settings.json"));
        Matcher command = Pattern.compile("\"command\": \"([^\"]+ hook)\"").matcher(settings);
        assertTrue(command.find(), settings);
        String launcher = Launchers.hookmeter().toRealPath().toString();
        assertEquals(launcher + " hook", command.group(1), "absolute path of the launcher");
        try (Stream<Path> cache = Files.list(runs.home.resolve("cache"))) {
            List<Path> files = cache.toList();
            assertEquals(1, files.size(), files.toString());
            // Named by the JDK build and the jar's SHA-256 from the build (hookmeter.jar.sha256: 16 hex digits).
            assertTrue(files.get(0).getFileName().toString().matches("hookmeter-.+-[0-9a-f]{16}\\.(aot|jsa)"),
                    files.toString());
            assertTrue(Files.size(files.get(0)) > 0);
        }

        // As Claude Code runs it: through a shell, event on stdin.
        CommandResult hook = Commands.run(List.of("sh", "-c", command.group(1)),
                "{\"hook_event_name\":\"Stop\"}".getBytes(StandardCharsets.UTF_8), runs.env, project,
                Duration.ofSeconds(60));
        assertEquals(0, hook.exitCode(), hook.toString());
        assertEquals("", hook.out());
        runs.run("push"); // the barrier applies the spool (the push itself has nowhere to go)
        assertEquals(1, new StateStore(runs.home, m -> { }).readOnly().family("hookmeter_turns_total")
                .series().iterator().next().value());

        CommandResult uninstall = runs.run("uninstall", "--project", project.toString());
        assertEquals(0, uninstall.exitCode(), uninstall.toString());
        assertFalse(Files.readString(project.resolve(".claude/settings.json")).contains("hookmeter"));
    }
}
