package io.hookmeter.exporter;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.TimeCollector;
import io.hookmeter.exporter.config.ConfigLoader;
import io.hookmeter.exporter.config.ExporterConfig;
import io.hookmeter.exporter.oshi.OshiCpuCollector;
import io.hookmeter.exporter.oshi.OshiDiskCollector;
import io.hookmeter.exporter.oshi.OshiFilesystemCollector;
import io.hookmeter.exporter.oshi.OshiHost;
import io.hookmeter.exporter.oshi.OshiLoadavgCollector;
import io.hookmeter.exporter.oshi.OshiMemoryCollector;
import io.hookmeter.exporter.oshi.OshiNetworkCollector;
import io.hookmeter.exporter.oshi.OshiSensorsCollector;
import io.hookmeter.exporter.oshi.OshiSystemCollector;
import io.hookmeter.exporter.oshi.OshiUnameCollector;
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
import io.hookmeter.exporter.procfs.TimedFsStats;
import io.hookmeter.exporter.procfs.UnameCollector;
import io.hookmeter.exporter.process.OshiProcessTable;
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
        boolean procfs = resolve(config) == ExporterConfig.Backend.PROCFS;
        OshiHost oshi = procfs ? null : new OshiHost();
        List<Collector> collectors = new ArrayList<>();
        for (String name : ConfigLoader.COLLECTORS) {
            if (config.enabled(name)) {
                collectors.add(procfs ? procfs(name, config) : oshi(name, config, oshi));
            }
        }
        return collectors;
    }

    /** The same collectors through OSHI, for macOS, Windows and the BSDs (and Linux with --collector.backend=oshi). */
    private static Collector oshi(String name, ExporterConfig config, OshiHost host) {
        return switch (name) {
            case "cpu" -> new OshiCpuCollector(host);
            case "meminfo" -> new OshiMemoryCollector(host);
            case "filesystem" -> new OshiFilesystemCollector(host, config.mountPointsExclude(),
                    config.fsTypesExclude());
            case "diskstats" -> new OshiDiskCollector(host, config.diskDeviceExclude());
            case "netdev" -> new OshiNetworkCollector(host, config.netDeviceExclude());
            case "loadavg" -> new OshiLoadavgCollector(host);
            case "stat" -> new OshiSystemCollector(host);
            case "time" -> new TimeCollector(Clock.systemDefaultZone());
            case "uname" -> new OshiUnameCollector(host, false);
            case "os" -> new OshiUnameCollector(host, true);
            case "hwmon" -> new OshiSensorsCollector(host);
            case "processes" -> new ProcessGroupCollector(config.processGroups(), new OshiProcessTable(host));
            default -> throw new IllegalArgumentException("no collector " + name);
        };
    }

    private static Collector procfs(String name, ExporterConfig config) {
        var paths = config.paths();
        return switch (name) {
            case "cpu" -> new CpuCollector(paths);
            case "meminfo" -> new MeminfoCollector(paths);
            case "filesystem" -> new FilesystemCollector(paths,
                    new TimedFsStats(new LibcFsStats(), config.mountTimeout()), config.mountPointsExclude(),
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
