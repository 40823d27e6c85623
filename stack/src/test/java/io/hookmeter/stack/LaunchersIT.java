package io.hookmeter.stack;

import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import io.hookmeter.harness.Launchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed POSIX launchers: any working directory, clear errors, exit codes passed through. */
class LaunchersIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path ROOT = Launchers.repoRoot();

    @Test
    void hookmeterRunsFromAnotherDirectory(@TempDir Path elsewhere) {
        CommandResult result = Commands.run(List.of(Launchers.hookmeter().toString(), "--version"), null, Map.of(),
                elsewhere, TIMEOUT);
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().startsWith("hookmeter "), result.toString());
    }

    @Test
    void exporterRunsFromAnotherDirectory(@TempDir Path elsewhere) {
        CommandResult result = Commands.run(List.of(Launchers.exporter().toString(), "--version"), null, Map.of(),
                elsewhere, TIMEOUT);
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().startsWith("hookmeter-exporter "), result.toString());
    }

    @Test
    void launchersWorkThroughASymlink(@TempDir Path elsewhere) throws IOException {
        Path link = Files.createSymbolicLink(elsewhere.resolve("hm"), Launchers.hookmeter());
        CommandResult result = Commands.run(List.of(link.toString(), "--version"), null, Map.of(), elsewhere, TIMEOUT);
        assertEquals(0, result.exitCode(), result.toString());
    }

    @Test
    void exitCodesPassThrough(@TempDir Path elsewhere) {
        CommandResult result = Commands.run(List.of(Launchers.hookmeter().toString(), "no-such-command"), null,
                Map.of(), elsewhere, TIMEOUT);
        assertEquals(2, result.exitCode(), result.toString());
    }

    @Test
    void aMissingJarIsReportedClearly(@TempDir Path copy) throws IOException {
        Path tree = copyLaunchers(copy);
        CommandResult hook = Commands.run(List.of(tree.resolve("pushgateway-hook/bin/hookmeter").toString(), "report"),
                null, Map.of(), copy, TIMEOUT);
        assertEquals(1, hook.exitCode(), hook.toString());
        assertEquals("", hook.out(), "the hook launcher never writes to stdout");
        assertTrue(hook.err().contains("hookmeter.jar is not built; build it with: mvn -B package"), hook.err());
        assertEquals(1, hook.err().lines().count(), "one line: " + hook.err());

        CommandResult exporter = Commands.run(List.of(tree.resolve("exporter/bin/hookmeter-exporter").toString()),
                null, Map.of(), copy, TIMEOUT);
        assertEquals(1, exporter.exitCode(), exporter.toString());
        assertTrue(exporter.err().contains("hookmeter-exporter.jar is not built"), exporter.err());
    }

    /** The hook needs no jar: it spools; the agent it tries to start says why it cannot, in its log. */
    @Test
    void theHookSubcommandExitsZeroEvenWhenNotBuilt(@TempDir Path copy) throws Exception {
        Path tree = copyLaunchers(copy);
        Path home = copy.resolve("home");
        Map<String, String> env = Map.of("HOOKMETER_HOME", home.toString());
        String launcher = tree.resolve("pushgateway-hook/bin/hookmeter").toString();
        CommandResult hook = Commands.run(List.of(launcher, "hook"), "{}".getBytes(), env, copy, TIMEOUT);
        assertEquals(0, hook.exitCode(), "exit 2 would block the agent: " + hook);
        assertEquals("", hook.out());
        assertEquals("", hook.err());
        try (var spooled = Files.list(home.resolve("spool/new"))) {
            assertEquals(1, spooled.count(), "the event waits for a built agent");
        }
        CommandResult start = Commands.run(List.of(launcher, "agent", "start"), null, env, copy, TIMEOUT);
        assertEquals(1, start.exitCode(), start.toString());
        assertTrue(start.err().contains("hookmeter.jar is not built"), start.err());
    }

    @Test
    void anOldJavaIsRefused(@TempDir Path fakeJdk) throws IOException {
        Files.createDirectories(fakeJdk.resolve("bin"));
        Files.writeString(fakeJdk.resolve("release"), "JAVA_VERSION=\"11.0.22\"\n");
        Path java = Files.writeString(fakeJdk.resolve("bin/java"), "#!/bin/sh\necho should-not-run\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        CommandResult result = Commands.run(List.of(Launchers.hookmeter().toString(), "--version"), null,
                Map.of("JAVA_HOME", fakeJdk.toString(), "HOOKMETER_JAVA_HOME", ""), fakeJdk, TIMEOUT);
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals("", result.out());
        assertTrue(result.err().contains("Java 11") && result.err().contains("17 or newer"), result.err());

        Files.writeString(fakeJdk.resolve("release"), "JAVA_VERSION=\"1.8.0_402\"\n");
        CommandResult eight = Commands.run(List.of(Launchers.exporter().toString()), null,
                Map.of("JAVA_HOME", fakeJdk.toString(), "HOOKMETER_JAVA_HOME", ""), fakeJdk, TIMEOUT);
        assertEquals(1, eight.exitCode(), eight.toString());
        assertTrue(eight.err().contains("Java 8"), eight.err());
    }

    /** The launchers and their shared library, in a fresh tree without built jars. */
    private static Path copyLaunchers(Path copy) throws IOException {
        for (String file : List.of("pushgateway-hook/bin/hookmeter", "exporter/bin/hookmeter-exporter",
                "scripts/lib/launcher.sh")) {
            Path target = copy.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(ROOT.resolve(file), target);
        }
        return copy;
    }
}
