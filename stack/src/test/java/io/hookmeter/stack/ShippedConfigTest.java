package io.hookmeter.stack;

import io.hookmeter.harness.Binaries;
import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import io.hookmeter.harness.Launchers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The shipped Prometheus (main and long-term) and Alertmanager files pass promtool and amtool, and every rule unit
 * test passes: the single gate runs them. More checks of the rules' contract are in {@code stack.rules}.
 */
class ShippedConfigTest {
    private static final Path ROOT = Launchers.repoRoot();
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Test
    void prometheusConfigIsValid() {
        assertSucceeds(List.of(Binaries.require(Binaries.PROMTOOL).toString(), "check", "config",
                ROOT.resolve("prometheus/prometheus.yml").toString()));
    }

    @Test
    void longTermPrometheusConfigIsValid() {
        assertSucceeds(List.of(Binaries.require(Binaries.PROMTOOL).toString(), "check", "config",
                ROOT.resolve("prometheus/prometheus-longterm.yml").toString()));
    }

    @Test
    void ruleFilesAreValid() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Binaries.require(Binaries.PROMTOOL).toString(), "check", "rules"));
        cmd.addAll(yamlFiles(ROOT.resolve("prometheus/rules")));
        assertSucceeds(cmd);
    }

    @Test
    void ruleUnitTestsPass() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Binaries.require(Binaries.PROMTOOL).toString(), "test", "rules"));
        cmd.addAll(yamlFiles(ROOT.resolve("prometheus/tests")));
        assertSucceeds(cmd);
    }

    @Test
    void alertmanagerConfigIsValid() {
        assertSucceeds(List.of(Binaries.require(Binaries.AMTOOL).toString(), "check-config",
                ROOT.resolve("alertmanager/alertmanager.yml").toString()));
    }

    static List<String> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> yaml = files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                    .map(Path::toString).sorted().toList();
            assertFalse(yaml.isEmpty(), "no YAML files in " + dir);
            return yaml;
        }
    }

    private static void assertSucceeds(List<String> command) {
        CommandResult result = Commands.run(command, null, java.util.Map.of(), ROOT, TIMEOUT);
        assertEquals(0, result.exitCode(), String.join(" ", command) + "\n" + result);
    }
}
