package io.hookmeter.exporter.procfs;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.Exposition;
import io.hookmeter.exporter.collect.TimeCollector;
import io.hookmeter.exporter.process.ProcessGroup;
import io.hookmeter.exporter.process.ProcessGroupCollector;
import io.hookmeter.exporter.process.ProcessGroups;
import io.hookmeter.exporter.process.ProcfsProcessTable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each Linux collector on a fixed /proc, /sys and root tree (src/test/fixtures/linux, node_exporter style)
 * against its golden exposition (src/test/resources/golden/NAME.prom). The goldens were checked by hand against
 * node_exporter 1.5's output for the same kind of input; regenerate with -Dgolden.update=true and review the diff.
 */
class ProcfsGoldenTest {
    static final Path FIXTURE = Path.of("src/test/fixtures/linux");
    static final HostPaths PATHS = new HostPaths(FIXTURE.resolve("proc"), FIXTURE.resolve("sys"), FIXTURE.resolve("root"));
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    /** statfs answers for the fixture's mounts; the NFS one hangs up like a dead server. */
    static final FsStats FS_STATS = mountPoint -> {
        String root = PATHS.rootfs().toString();
        String mount = mountPoint.toString().substring(root.length());
        return switch (mount) {
            case "" , "/" -> new FsStats.Stat(4096, 66053021, 60136648, 20683448, 16777216, 16363208);
            case "/srv/my data" -> new FsStats.Stat(1024, 1000, 500, 400, 100, 90);
            default -> throw new IOException("statfs " + mount + ": host is down");
        };
    };

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "meminfo", "filesystem", "diskstats", "netdev", "loadavg", "stat", "time", "uname",
        "os", "hwmon", "processes"})
    void matchesGolden(String name) throws Exception {
        String actual = Exposition.of(collector(name));
        Path golden = GOLDEN.resolve(name + ".prom");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, name);
    }

    static Collector collector(String name) {
        return switch (name) {
            case "cpu" -> new CpuCollector(PATHS);
            case "meminfo" -> new MeminfoCollector(PATHS);
            case "filesystem" -> new FilesystemCollector(PATHS, FS_STATS,
                    Pattern.compile(FilesystemCollector.DEFAULT_MOUNT_POINTS_EXCLUDE),
                    Pattern.compile(FilesystemCollector.DEFAULT_FS_TYPES_EXCLUDE));
            case "diskstats" -> new DiskstatsCollector(PATHS, Pattern.compile(DiskstatsCollector.DEFAULT_DEVICE_EXCLUDE));
            case "netdev" -> new NetdevCollector(PATHS, Pattern.compile(NetdevCollector.DEFAULT_DEVICE_EXCLUDE));
            case "loadavg" -> new LoadavgCollector(PATHS);
            case "stat" -> new StatCollector(PATHS);
            case "time" -> new TimeCollector(Clock.fixed(Instant.parse("2026-11-21T04:00:00.25Z"), ZoneId.of("UTC")));
            case "uname" -> new UnameCollector(PATHS);
            case "os" -> new OsReleaseCollector(PATHS);
            case "hwmon" -> new HwmonCollector(PATHS);
            case "processes" -> new ProcessGroupCollector(new ProcessGroups(List.of(ProcessGroup.CLAUDE,
                    new ProcessGroup("shells", java.util.Set.of("bash"), List.of()))), new ProcfsProcessTable(PATHS));
            default -> throw new IllegalArgumentException(name);
        };
    }
}
