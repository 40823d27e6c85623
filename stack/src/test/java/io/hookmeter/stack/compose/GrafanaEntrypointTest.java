package io.hookmeter.stack.compose;

import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Launchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * grafana/entrypoint.sh, the wrapper compose runs before Grafana's /run.sh, run for real as in grafana/grafana: by
 * busybox sh as uid 472 (group 0), with a stub in place of /run.sh that records the password and arguments Grafana
 * would get.
 */
class GrafanaEntrypointTest {
    static final Path SCRIPT = Launchers.repoRoot().resolve("grafana/entrypoint.sh");
    private static final String READ_COMMAND = "docker compose exec grafana cat /var/lib/grafana/admin-password";

    @TempDir
    Path dir;
    private ImageShell shell;
    private Path script;
    private Path data;
    private Path stub;
    private Path seen;

    @BeforeEach
    void image() throws IOException {
        shell = new ImageShell(dir);
        // The mounted script, readable by Grafana's user; the data volume is writable by it (the image's
        // /var/lib/grafana is owned by 472). The stub writes what it saw to a folder that user owns too.
        script = dir.resolve("entrypoint.sh");
        Files.copy(SCRIPT, script);
        ImageShell.chmod(script, "rw-r--r--");
        Path volume = Files.createDirectories(dir.resolve("volume"));
        ImageShell.own(volume, ImageShell.GRAFANA);
        data = volume.resolve("grafana-data");
        seen = volume.resolve("seen");
        stub = shell.stub(dir.resolve("run.sh"), "printf '%s\\n' \"$GF_SECURITY_ADMIN_PASSWORD\" \"$*\" "
                + "\"${GF_SECURITY_ADMIN_PASSWORD__FILE-unset}\" >'" + seen + "'\n");
    }

    @Test
    void withoutAPasswordTheFirstStartGeneratesAStrongOneAndLaterStartsReuseIt() throws IOException {
        CommandResult first = start("", "--flag", "value");
        assertEquals(0, first.exitCode(), first.toString());
        Path file = data.resolve("admin-password");
        String password = Files.readString(file);
        assertTrue(password.matches("[A-Za-z0-9]{32}"), "32 letters and digits: " + password);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(password, "--flag value", "unset"), Files.readAllLines(seen),
                "Grafana gets it, and its args");
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
        data = data.resolveSibling("other-data");
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
    void aPasswordFileIsReadAndOnlyThePasswordReachesRunSh() throws IOException {
        // Before, the generated password was set as well, /run.sh exited ("both are set") and the container
        // restarted in a loop.
        Path secret = readableFile("admin_password", "from-a-docker-secret\n");
        CommandResult result = start(passwordFile(secret, ""), "--flag");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of("from-a-docker-secret", "--flag", "unset"), Files.readAllLines(seen),
                "the file's password, without its newline, and no __FILE variable left for /run.sh");
        assertFalse(Files.exists(data.resolve("admin-password")), "nothing is generated");
        assertEquals("", result.out());
    }

    @Test
    void aPasswordFileAndGfAdminPasswordTogetherAreRefused() throws IOException {
        Path secret = readableFile("admin_password", "from-a-docker-secret");
        CommandResult result = start(passwordFile(secret, "chosen-in-dot-env"));
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals("hookmeter: GF_ADMIN_PASSWORD and GF_SECURITY_ADMIN_PASSWORD__FILE are both set: keep one\n",
                result.err());
        assertFalse(Files.exists(seen), "Grafana must not start");
    }

    @Test
    void aPasswordFileGrafanasUserCannotReadIsRefused() throws IOException {
        Path secret = readableFile("admin_password", "owned-by-root");
        ImageShell.chmod(secret, "rw-------");
        CommandResult result = start(passwordFile(secret, ""));
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals("hookmeter: GF_SECURITY_ADMIN_PASSWORD__FILE: cannot read " + secret
                + " as uid 472 (Grafana's user)\n", result.err());
        assertFalse(Files.exists(seen), "Grafana must not start");
    }

    @Test
    void anEmptyPasswordFileIsRefused() throws IOException {
        Path secret = readableFile("admin_password", "\n");
        CommandResult result = start(passwordFile(secret, ""));
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals("hookmeter: GF_SECURITY_ADMIN_PASSWORD__FILE: " + secret + " is empty\n", result.err());
        assertFalse(Files.exists(seen), "Grafana must not start with Grafana's default password");
    }

    @Test
    void withoutACommandItSaysHowToUseIt() {
        CommandResult result = shell.run(ImageShell.GRAFANA, env(""), script);
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().startsWith("usage: entrypoint.sh COMMAND"), result.err());
    }

    private CommandResult start(String password, String... args) {
        return start(env(password), args);
    }

    private CommandResult start(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(stub.toString()));
        command.addAll(List.of(args));
        return shell.run(ImageShell.GRAFANA, env, script, command.toArray(String[]::new));
    }

    private Map<String, String> passwordFile(Path secret, String password) {
        Map<String, String> env = env(password);
        env.put("GF_SECURITY_ADMIN_PASSWORD__FILE", secret.toString());
        return env;
    }

    private Path readableFile(String name, String content) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content);
        ImageShell.chmod(file, "rw-r--r--");
        return file;
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
