package io.hookmeter.exporter.collector;

import io.hookmeter.exporter.collect.CollectorSpec;
import io.hookmeter.exporter.collect.CollectorSpec.Factory;
import io.hookmeter.exporter.collect.Option;
import io.hookmeter.exporter.collector.cpu.OshiCpuCollector;
import io.hookmeter.exporter.collector.cpu.ProcfsCpuCollector;
import io.hookmeter.exporter.collector.diskstats.OshiDiskstatsCollector;
import io.hookmeter.exporter.collector.diskstats.ProcfsDiskstatsCollector;
import io.hookmeter.exporter.collector.filesystem.OshiFilesystemCollector;
import io.hookmeter.exporter.collector.filesystem.ProcfsFilesystemCollector;
import io.hookmeter.exporter.collector.filesystem.TimedFsStats;
import io.hookmeter.exporter.collector.hwmon.OshiHwmonCollector;
import io.hookmeter.exporter.collector.hwmon.ProcfsHwmonCollector;
import io.hookmeter.exporter.collector.loadavg.OshiLoadavgCollector;
import io.hookmeter.exporter.collector.loadavg.ProcfsLoadavgCollector;
import io.hookmeter.exporter.collector.meminfo.OshiMeminfoCollector;
import io.hookmeter.exporter.collector.meminfo.ProcfsMeminfoCollector;
import io.hookmeter.exporter.collector.netdev.OshiNetdevCollector;
import io.hookmeter.exporter.collector.netdev.ProcfsNetdevCollector;
import io.hookmeter.exporter.collector.os.OshiOsCollector;
import io.hookmeter.exporter.collector.os.ProcfsOsCollector;
import io.hookmeter.exporter.collector.processes.OshiProcessTable;
import io.hookmeter.exporter.collector.processes.ProcessGroupCollector;
import io.hookmeter.exporter.collector.processes.ProcfsProcessTable;
import io.hookmeter.exporter.collector.stat.OshiStatCollector;
import io.hookmeter.exporter.collector.stat.ProcfsStatCollector;
import io.hookmeter.exporter.collector.time.TimeCollector;
import io.hookmeter.exporter.collector.uname.OshiUnameCollector;
import io.hookmeter.exporter.collector.uname.ProcfsUnameCollector;

import java.util.List;

/**
 * Every collector, one row each, in the order they run and are listed: name, on by default, how the procfs
 * (Linux) and OSHI (other OSes) backends build it, and its own settings with their defaults. The config loader,
 * {@code --help}, the collector factory, the golden test and the docs test all read this table. Filter defaults
 * are those of Debian's node_exporter 1.5, which the parity test compares against.
 */
public final class Registry {
    private static final boolean ON = true;

    private static final Factory TIME = c -> new TimeCollector(c.host().clock());

    public static final List<CollectorSpec> ALL = List.of(
            row("cpu", ON, c -> new ProcfsCpuCollector(c.paths()), c -> new OshiCpuCollector(c.oshi())),
            row("meminfo", ON, c -> new ProcfsMeminfoCollector(c.paths()), c -> new OshiMeminfoCollector(c.oshi())),
            row("filesystem", ON,
                    c -> new ProcfsFilesystemCollector(c.paths(),
                            new TimedFsStats(c.host().statfs(), c.duration("mount-timeout")),
                            c.regex("mount-points-exclude"), c.regex("fs-types-exclude")),
                    c -> new OshiFilesystemCollector(c.oshi(), c.regex("mount-points-exclude"),
                            c.regex("fs-types-exclude")),
                    Option.regex("mount-points-exclude",
                            "^/(dev|proc|run|sys|mnt|media|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)"),
                    Option.duration("mount-timeout", "2s"),
                    Option.regex("fs-types-exclude", "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts"
                            + "|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore"
                            + "|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs|tracefs)$")),
            row("diskstats", ON, c -> new ProcfsDiskstatsCollector(c.paths(), c.regex("device-exclude")),
                    c -> new OshiDiskstatsCollector(c.oshi(), c.regex("device-exclude")),
                    Option.regex("device-exclude", "^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$")),
            // node_exporter's ^lo$ plus container veth pairs, which come and go with every container.
            row("netdev", ON, c -> new ProcfsNetdevCollector(c.paths(), c.regex("device-exclude")),
                    c -> new OshiNetdevCollector(c.oshi(), c.regex("device-exclude")),
                    Option.regex("device-exclude", "^(lo|veth.*)$")),
            row("loadavg", ON, c -> new ProcfsLoadavgCollector(c.paths()), c -> new OshiLoadavgCollector(c.oshi())),
            row("stat", ON, c -> new ProcfsStatCollector(c.paths()), c -> new OshiStatCollector(c.oshi())),
            row("time", ON, TIME, TIME),
            row("uname", ON, c -> new ProcfsUnameCollector(c.paths()), c -> new OshiUnameCollector(c.oshi())),
            row("os", ON, c -> new ProcfsOsCollector(c.paths()), c -> new OshiOsCollector(c.oshi())),
            row("hwmon", ON, c -> new ProcfsHwmonCollector(c.paths()), c -> new OshiHwmonCollector(c.oshi())),
            row("processes", ON,
                    c -> new ProcessGroupCollector(c.processGroups(), new ProcfsProcessTable(c.paths())),
                    c -> new ProcessGroupCollector(c.processGroups(), new OshiProcessTable(c.oshi()))));

    private Registry() {
    }

    public static List<String> names() {
        return ALL.stream().map(CollectorSpec::name).toList();
    }

    private static CollectorSpec row(String name, boolean enabledByDefault, Factory procfs, Factory oshi,
                                     Option... options) {
        return new CollectorSpec(name, enabledByDefault, procfs, oshi, List.of(options));
    }
}
