package io.hookmeter.harness;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the real server binaries on PATH. Debian names first, upstream names second. A missing binary is a test
 * failure, never a skip: the suite exists to prove the product against the real servers.
 */
public final class Binaries {
    public static final List<String> PROMETHEUS = List.of("prometheus");
    public static final List<String> PROMTOOL = List.of("promtool");
    public static final List<String> PUSHGATEWAY = List.of("prometheus-pushgateway", "pushgateway");
    public static final List<String> ALERTMANAGER = List.of("prometheus-alertmanager", "alertmanager");
    public static final List<String> AMTOOL = List.of("amtool");
    public static final List<String> NODE_EXPORTER = List.of("prometheus-node-exporter", "node_exporter");
    /** Single-node VictoriaMetrics: Debian's victoria-metrics package, or the upstream release's -prod binary. */
    public static final List<String> VICTORIA_METRICS = List.of("victoria-metrics", "victoria-metrics-prod");
    public static final List<String> VMAGENT = List.of("vmagent", "vmagent-prod");
    public static final List<String> VMALERT = List.of("vmalert", "vmalert-prod");

    private Binaries() {
    }

    /** The first of {@code names} found on PATH; fails with the install command when none is. */
    public static Path require(List<String> names) {
        return find(names).orElseThrow(() -> new AssertionError(
                names.get(0) + " not found on PATH (looked for " + String.join(", ", names) + "). "
                        + "Run ./scripts/test, which installs it on Debian/Ubuntu: "
                        + "apt-get install -y prometheus prometheus-pushgateway prometheus-alertmanager "
                        + "prometheus-node-exporter docker-compose victoria-metrics"));
    }

    public static Optional<Path> find(List<String> names) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
