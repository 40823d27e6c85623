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
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * prometheus/entrypoint.sh as compose runs it in prom/prometheus: busybox sh as nobody, the mounted prometheus/
 * folder (a copy of the shipped one) as the source, a folder owned by nobody as the data volume, and a stub in place
 * of /bin/prometheus that records its arguments. The written copy must be a valid config for promtool.
 */
class PrometheusEntrypointTest {
    private static final String STUB_BODY = "printf '%s\\n' \"$@\" >\"$SEEN\"\n";

    @TempDir
    Path dir;
    private ImageShell shell;
    private Path source;
    private Path config;
    private Path seen;
    private Path stub;

    @BeforeEach
    void image() throws IOException {
        shell = new ImageShell(dir);
        source = ImageShell.mount(Launchers.repoRoot().resolve("prometheus"), dir.resolve("etc-prometheus"),
                file -> true);
        Path data = Files.createDirectories(dir.resolve("prometheus-data"));
        ImageShell.own(data, ImageShell.NOBODY);
        config = data.resolve("prometheus.yml");
        seen = data.resolve("seen");
        stub = shell.stub(dir.resolve("prometheus"), STUB_BODY);
    }

    private CommandResult start(Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("HOOKMETER_PROMETHEUS_SOURCE", source.toString(),
                "HOOKMETER_PROMETHEUS_CONFIG", config.toString(), "SEEN", seen.toString()));
        env.putAll(extra);
        return shell.run(ImageShell.NOBODY, env, source.resolve("entrypoint.sh"), stub.toString(),
                "--config.file=" + config, "--web.listen-address=:9090");
    }

    @Test
    void theNodeJobGetsTheMachinesNameAndPrometheusItsFlags() throws IOException {
        CommandResult result = start(Map.of("HOOKMETER_INSTANCE", "build-host-7"));
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of("--config.file=" + config, "--web.listen-address=:9090"), Files.readAllLines(seen));
        String written = Files.readString(config);
        assertTrue(written.contains("instance: build-host-7"), written);
        assertFalse(written.contains("instance: HOOKMETER_HOST"), written);
        assertTrue(written.contains("  - " + source.resolve("rules") + "/*.yml"),
                "the rules stay in the mount: " + written);
        CommandResult check = Commands.run(List.of(Binaries.require(Binaries.PROMTOOL).toString(), "check", "config",
                config.toString()), null, Map.of(), dir, Duration.ofMinutes(1));
        assertEquals(0, check.exitCode(), check.toString());
        assertTrue(check.out().contains("rule files found"), "the rules are found from the copy: " + check);
    }

    @Test
    void withoutANameTheNodeJobKeepsItsAddressAndSaysSo() throws IOException {
        CommandResult result = start(Map.of());
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(Files.readString(config).contains("instance: exporter:9101"));
        assertTrue(result.err().contains("HOOKMETER_INSTANCE is not set"), result.err());
    }

    @Test
    void theRunbookLinksBaseIsTheShippedOneUnlessSet() throws IOException {
        assertEquals(0, start(Map.of()).exitCode());
        assertTrue(Files.readString(config).contains("    runbooks_url: https://"), Files.readString(config));
        CommandResult result = start(Map.of("HOOKMETER_RUNBOOKS_URL", "https://wiki.example/ops/runbooks.md"));
        assertEquals(0, result.exitCode(), result.toString());
        String written = Files.readString(config);
        assertTrue(written.contains("\n    runbooks_url: https://wiki.example/ops/runbooks.md\n"), written);
        assertEquals(1, written.split("runbooks_url:", -1).length - 1, written);
    }

    @Test
    void aRunbooksUrlThatIsNoAddressOrWouldBreakTheConfigStopsPrometheus() {
        for (String bad : List.of("docs/runbooks.md", "https://wiki.example/a b", "https://wiki.example/#x",
                "https://wiki.example/a,b")) {
            CommandResult result = start(Map.of("HOOKMETER_RUNBOOKS_URL", bad));
            assertEquals(1, result.exitCode(), bad + ": " + result);
            assertTrue(result.err().contains("HOOKMETER_RUNBOOKS_URL '" + bad + "'"), result.err());
            assertFalse(Files.exists(seen), "Prometheus must not start on a broken config");
        }
    }

    @Test
    void aNameThatWouldBreakTheConfigStopsPrometheus() {
        CommandResult result = start(Map.of("HOOKMETER_INSTANCE", "a#b"));
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("cannot be written into prometheus.yml"), result.err());
        assertFalse(Files.exists(seen), "Prometheus must not start on a broken config");
    }
}
