package io.hookmeter.stack.compose;

import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import io.hookmeter.harness.Launchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * grafana/entrypoint.sh, the wrapper compose runs before Grafana's /run.sh, run for real by /bin/sh with a stub in
 * place of /run.sh that records the password and arguments Grafana would get.
 */
class GrafanaEntrypointTest {
    static final Path SCRIPT = Launchers.repoRoot().resolve("grafana/entrypoint.sh");
    private static final String READ_COMMAND = "docker compose exec grafana cat /var/lib/grafana/admin-password";

    @TempDir
    Path dir;
    private Path data;
    private Path stub;
    private Path seen;

    @BeforeEach
    void stub() throws IOException {
        data = dir.resolve("grafana-data");
        seen = dir.resolve("seen");
        stub = dir.resolve("run.sh");
        Files.writeString(stub, "#!/bin/sh\nprintf '%s\\n' \"$GF_SECURITY_ADMIN_PASSWORD\" \"$*\" >'" + seen + "'\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void withoutAPasswordTheFirstStartGeneratesAStrongOneAndLaterStartsReuseIt() throws IOException {
        CommandResult first = start("", "--flag", "value");
        assertEquals(0, first.exitCode(), first.toString());
        Path file = data.resolve("admin-password");
        String password = Files.readString(file);
        assertTrue(password.matches("[A-Za-z0-9]{32}"), "32 letters and digits: " + password);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(password, "--flag value"), Files.readAllLines(seen), "Grafana gets it, and its args");
        assertEquals("hookmeter: GF_ADMIN_PASSWORD is empty: the Grafana admin password is in " + file
                + "; read it with: " + READ_COMMAND + "\n", first.out(), "one line that says where to read it");
        assertFalse(first.out().contains(password), "the password itself never goes to the log");
        try (var files = Files.list(data)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }

        CommandResult again = start("");
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(password, Files.readString(file));
        assertEquals(password, Files.readAllLines(seen).get(0), "a restart keeps the password");
    }

    @Test
    void eachInstallationGetsItsOwnPassword() throws IOException {
        assertEquals(0, start("").exitCode());
        String one = Files.readString(data.resolve("admin-password"));
        data = dir.resolve("other-data");
        assertEquals(0, start("").exitCode());
        assertNotEquals(one, Files.readString(data.resolve("admin-password")), "random, not a fixed default");
    }

    @Test
    void aPasswordFromTheEnvironmentIsUsedAndNothingIsGenerated() throws IOException {
        CommandResult result = start("chosen-in-dot-env");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("chosen-in-dot-env", Files.readAllLines(seen).get(0));
        assertFalse(Files.exists(data.resolve("admin-password")));
        assertEquals("", result.out());
    }

    @Test
    void anExistingDatabaseWithoutAGeneratedPasswordKeepsItsOwn() throws IOException {
        // Created earlier with GF_ADMIN_PASSWORD set, which was removed since: Grafana keeps that password.
        Files.createDirectories(data);
        Files.writeString(data.resolve("grafana.db"), "");
        CommandResult result = start("");
        assertEquals(0, result.exitCode(), result.toString());
        assertFalse(Files.exists(data.resolve("admin-password")), "a new password would not apply: none is made");
        assertEquals("", Files.readAllLines(seen).get(0));
        assertTrue(result.out().contains("its admin password is unchanged"), result.out());
    }

    @Test
    void withoutACommandItSaysHowToUseIt() {
        CommandResult result = Commands.run(List.of("/bin/sh", SCRIPT.toString()), null, env(""), dir,
                Duration.ofSeconds(30));
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().startsWith("usage: entrypoint.sh COMMAND"), result.err());
    }

    private CommandResult start(String password, String... args) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", SCRIPT.toString(), stub.toString()));
        command.addAll(List.of(args));
        return Commands.run(command, null, env(password), dir, Duration.ofSeconds(30));
    }

    /** As compose sets it: the password (maybe empty), Grafana's data directory and the read command. */
    private Map<String, String> env(String password) {
        Map<String, String> env = new HashMap<>();
        env.put("GF_SECURITY_ADMIN_PASSWORD", password);
        env.put("GF_PATHS_DATA", data.toString());
        env.put("HOOKMETER_PASSWORD_READ_COMMAND", READ_COMMAND);
        return env;
    }
}
