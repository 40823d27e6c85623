package io.hookmeter.stack.compose;

import io.hookmeter.harness.Binaries;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * alertmanager/entrypoint.sh as compose runs it in prom/alertmanager: busybox sh as nobody, the mounted
 * alertmanager/ folder (here a copy of the shipped one) as the source, a folder owned by nobody as the data volume,
 * and a stub in place of /bin/alertmanager that records its arguments.
 */
class AlertmanagerEntrypointTest {
    static final Path SCRIPT = Launchers.repoRoot().resolve("alertmanager/entrypoint.sh");
    private static final String STUB_BODY = "printf '%s\\n' \"$@\" >\"$SEEN\"\n";

    @TempDir
    Path dir;
    private ImageShell shell;
    private Path source;
    private Path copy;
    private Path seen;
    private Path stub;

    @BeforeEach
    void image() throws IOException {
        shell = new ImageShell(dir);
        // The mount: the shipped folder (alertmanager.yml, templates, this script), readable by everyone as in a
        // clone made under the usual umask 022.
        source = ImageShell.mount(Launchers.repoRoot().resolve("alertmanager"), dir.resolve("etc-alertmanager"),
                file -> !file.getParent().endsWith("secrets") || file.endsWith("README.md"));
        // The data volume: the image creates /alertmanager owned by nobody.
        Path data = Files.createDirectories(dir.resolve("alertmanager-data"));
        ImageShell.own(data, ImageShell.NOBODY);
        copy = data.resolve("config");
        seen = data.resolve("seen");
        stub = shell.stub(dir.resolve("alertmanager"), STUB_BODY);
    }

    @Test
    void secretsFromTheEnvironmentBecomePrivateFilesOfAValidCopyThatAlertmanagerRuns() throws IOException {
        CommandResult result = start(Map.of("ALERTMANAGER_SLACK_WEBHOOK_URL", "https://hooks.slack.test/T0/B0/x",
                "ALERTMANAGER_NTFY_TOKEN", "tk_only_for_the_test", "ALERTMANAGER_SMTP_PASSWORD", ""),
                "--config.file=" + copy.resolve("alertmanager.yml"), "--cluster.listen-address=");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of("--config.file=" + copy.resolve("alertmanager.yml"), "--cluster.listen-address="),
                Files.readAllLines(seen), "Alertmanager gets its flags");

        assertSecret("slack_webhook_url", "https://hooks.slack.test/T0/B0/x");
        assertSecret("ntfy_token", "tk_only_for_the_test");
        assertFalse(Files.exists(copy.resolve("secrets/smtp_password")), "an empty variable writes nothing");
        assertEquals("rwx------", mode(copy), "the whole copy is private to Alertmanager's user");

        String config = Files.readString(copy.resolve("alertmanager.yml"));
        assertFalse(config.contains("/etc/alertmanager/"), "every secret path points at the copy");
        assertTrue(config.contains("'" + copy.resolve("secrets/slack_webhook_url") + "'"), config);
        CommandResult check = Commands.run(List.of(Binaries.require(Binaries.AMTOOL).toString(), "check-config",
                copy.resolve("alertmanager.yml").toString()), Duration.ofSeconds(30));
        assertEquals(0, check.exitCode(), "the copy Alertmanager runs is a valid config\n" + check);
    }

    @Test
    void aSecretFileIsCopiedPrivateAndAVariableWinsOverItsFile() throws IOException {
        readableSecret("smtp_password", "from-the-file");
        readableSecret("slack_webhook_url", "https://hooks.slack.test/from-the-file");
        CommandResult result = start(Map.of("ALERTMANAGER_SLACK_WEBHOOK_URL", "https://hooks.slack.test/from-env"));
        assertEquals(0, result.exitCode(), result.toString());
        assertSecret("smtp_password", "from-the-file");
        assertSecret("slack_webhook_url", "https://hooks.slack.test/from-env");
    }

    @Test
    void aSecretFileAlertmanagersUserCannotReadStopsTheStartWithTheFix() throws IOException {
        // Written by the host user with mode 600: nobody cannot read it. Before, cp's error was lost in an && list
        // and Alertmanager started with a receiver that failed only when it sent.
        Path secret = readableSecret("smtp_password", "owned-by-root");
        ImageShell.chmod(secret, "rw-------");
        CommandResult result = start(Map.of());
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("can't open '" + secret + "'"), "cp names the file\n" + result.err());
        assertTrue(result.err().contains("hookmeter: cannot copy " + source), result.err());
        assertTrue(result.err().contains("uid 65534") && result.err().contains("mode 644"), result.err());
        assertFalse(Files.exists(seen), "Alertmanager must not start");
    }

    @Test
    void aFolderMadeUnderUmask077StopsTheStart() {
        // (A whole clone made under umask 077 fails one step earlier: sh cannot read this script; the fix is the
        // same chmod, docs/deployment.md.)
        ImageShell.chmod(source.resolve("templates"), "rwx------");
        CommandResult result = start(Map.of());
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("hookmeter: cannot copy " + source), result.err());
        assertFalse(Files.exists(seen), "Alertmanager must not start");
    }

    @Test
    void aDataVolumeItCannotWriteStopsTheStart() {
        ImageShell.own(copy.getParent(), new ImageShell.User(0, 0));
        CommandResult result = start(Map.of());
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals("hookmeter: Alertmanager's user (uid 65534) cannot write to " + copy.getParent()
                + ", where its copy of the config goes\n", result.err());
        assertFalse(Files.exists(seen), "Alertmanager must not start");
    }

    @Test
    void everyStartMakesAFreshCopySoASecretRemovedFromTheEnvironmentIsGone() {
        assertEquals(0, start(Map.of("ALERTMANAGER_NTFY_TOKEN", "tk_first")).exitCode());
        assertTrue(Files.exists(copy.resolve("secrets/ntfy_token")));
        CommandResult again = start(Map.of());
        assertEquals(0, again.exitCode(), again.toString());
        assertFalse(Files.exists(copy.resolve("secrets/ntfy_token")));
    }

    @Test
    void withoutACommandItSaysHowToUseIt() {
        CommandResult result = shell.run(ImageShell.NOBODY, env(Map.of()), source.resolve("entrypoint.sh"));
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().startsWith("usage: entrypoint.sh COMMAND"), result.err());
    }

    /** The script from the mounted folder, as compose runs /etc/alertmanager/entrypoint.sh. */
    private CommandResult start(Map<String, String> secrets, String... flags) {
        String[] args = new String[flags.length + 1];
        args[0] = stub.toString();
        System.arraycopy(flags, 0, args, 1, flags.length);
        return shell.run(ImageShell.NOBODY, env(secrets), source.resolve("entrypoint.sh"), args);
    }

    private Map<String, String> env(Map<String, String> secrets) {
        Map<String, String> env = new HashMap<>(secrets);
        env.put("HOOKMETER_ALERTMANAGER_SOURCE", source.toString());
        env.put("HOOKMETER_ALERTMANAGER_COPY", copy.toString());
        env.put("SEEN", seen.toString());
        return env;
    }

    private Path readableSecret(String name, String value) throws IOException {
        Path file = Files.writeString(source.resolve("secrets").resolve(name), value);
        ImageShell.chmod(file, "rw-r--r--");
        return file;
    }

    private void assertSecret(String name, String value) throws IOException {
        Path file = copy.resolve("secrets").resolve(name);
        assertEquals(value, Files.readString(file), name);
        assertEquals("rw-------", mode(file), name + " is readable by Alertmanager's user only");
        assertEquals(ImageShell.NOBODY.uid(), Files.getAttribute(file, "unix:uid"), name);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
