package io.hookmeter.exporter;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.TimeCollector;
import io.hookmeter.exporter.config.ConfigLoader;
import io.hookmeter.exporter.config.ExporterConfig;
import io.hookmeter.exporter.procfs.CpuCollector;
import io.hookmeter.exporter.procfs.DiskstatsCollector;
import io.hookmeter.exporter.procfs.FilesystemCollector;
import io.hookmeter.exporter.procfs.HwmonCollector;
import io.hookmeter.exporter.procfs.LibcFsStats;
import io.hookmeter.exporter.procfs.LoadavgCollector;
import io.hookmeter.exporter.procfs.MeminfoCollector;
import io.hookmeter.exporter.procfs.NetdevCollector;
import io.hookmeter.exporter.procfs.OsReleaseCollector;
import io.hookmeter.exporter.procfs.StatCollector;
import io.hookmeter.exporter.procfs.UnameCollector;
import io.hookmeter.exporter.process.ProcessGroupCollector;
import io.hookmeter.exporter.process.ProcfsProcessTable;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The enabled collectors for the configured backend, in {@link ConfigLoader#COLLECTORS} order. */
final class CollectorFactory {
    private CollectorFactory() {
    }

    static ExporterConfig.Backend resolve(ExporterConfig config) {
        if (config.backend() != ExporterConfig.Backend.AUTO) {
            return config.backend();
        }
        return config.paths().isLinuxProcfs() ? ExporterConfig.Backend.PROCFS : ExporterConfig.Backend.OSHI;
    }

    static List<Collector> create(ExporterConfig config) {
        List<Collector> collectors = new ArrayList<>();
        for (String name : ConfigLoader.COLLECTORS) {
            if (config.enabled(name)) {
                collectors.add(procfs(name, config));
            }
        }
        return collectors;
    }

    private static Collector procfs(String name, ExporterConfig config) {
        var paths = config.paths();
        return switch (name) {
            case "cpu" -> new CpuCollector(paths);
            case "meminfo" -> new MeminfoCollector(paths);
            case "filesystem" -> new FilesystemCollector(paths, new LibcFsStats(), config.mountPointsExclude(),
                    config.fsTypesExclude());
            case "diskstats" -> new DiskstatsCollector(paths, config.diskDeviceExclude());
            case "netdev" -> new NetdevCollector(paths, config.netDeviceExclude());
            case "loadavg" -> new LoadavgCollector(paths);
            case "stat" -> new StatCollector(paths);
            case "time" -> new TimeCollector(Clock.systemDefaultZone());
            case "uname" -> new UnameCollector(paths);
            case "os" -> new OsReleaseCollector(paths);
            case "hwmon" -> new HwmonCollector(paths);
            case "processes" -> new ProcessGroupCollector(config.processGroups(), new ProcfsProcessTable(paths));
            default -> throw new IllegalArgumentException("no collector " + name);
        };
    }
}
