package io.hookmeter.exporter;

import io.hookmeter.exporter.collect.CollectorSpec;
import io.hookmeter.exporter.collect.Exposition;
import io.hookmeter.exporter.collect.Host;
import io.hookmeter.exporter.collector.Registry;
import io.hookmeter.exporter.config.ConfigLoader;
import io.hookmeter.exporter.config.ExporterConfig;
import io.hookmeter.exporter.procfs.FsStats;
import io.hookmeter.exporter.procfs.HostPaths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each collector of the registry, built by its procfs factory with the default settings, on a fixed /proc, /sys
 * and root tree (src/test/fixtures/linux, node_exporter style) against its golden exposition
 * (src/test/resources/golden/NAME.prom). The goldens were checked by hand against node_exporter 1.5's output for
 * the same kind of input; regenerate with -Dgolden.update=true and review the diff.
 */
public class ProcfsGoldenTest {
    public static final Path FIXTURE = Path.of("src/test/fixtures/linux");
    public static final HostPaths PATHS = new HostPaths(FIXTURE.resolve("proc"), FIXTURE.resolve("sys"),
            FIXTURE.resolve("root"));
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    /** statfs answers for the fixture's mounts; the NFS one hangs up like a dead server. */
    public static final FsStats FS_STATS = mountPoint -> {
        String root = PATHS.rootfs().toString();
        String mount = mountPoint.toString().substring(root.length());
        return switch (mount) {
            case "" , "/" -> new FsStats.Stat(4096, 66053021, 60136648, 20683448, 16777216, 16363208);
            case "/srv/my data" -> new FsStats.Stat(1024, 1000, 500, 400, 100, 90);
            default -> throw new IOException("statfs " + mount + ": host is down");
        };
    };

    static List<String> collectors() {
        return Registry.names();
    }

    @ParameterizedTest
    @MethodSource("collectors")
    void matchesGolden(String name) throws Exception {
        CollectorSpec spec = Registry.ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        ExporterConfig config = ConfigLoader.load(List.of("--config.file=src/test/fixtures/golden.yml"),
                Map.of());
        Host host = new Host(PATHS, () -> {
            throw new AssertionError("the procfs backend uses no OSHI");
        }, Clock.fixed(Instant.parse("2026-11-21T04:00:00.25Z"), ZoneId.of("UTC")), FS_STATS);
        String actual = Exposition.of(CollectorFactory.create(spec, true, config, host));
        Path golden = GOLDEN.resolve(name + ".prom");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, name);
    }
}
