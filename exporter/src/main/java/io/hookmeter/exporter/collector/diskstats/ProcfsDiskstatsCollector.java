package io.hookmeter.exporter.collector.diskstats;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.collector.diskstats.DiskstatsFamilies.Column;
import io.hookmeter.exporter.procfs.HostPaths;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code node_disk_*{device}} from /proc/diskstats, plus {@code node_disk_info} from /sys/block. Partitions, loop
 * and ram devices are left out by default, as node_exporter does.
 */
public record ProcfsDiskstatsCollector(HostPaths paths, Pattern exclude) implements Collector {
    private static final Column[] COLUMNS = Column.values();

    @Override
    public void collect(MetricSink out) throws Exception {
        Map<Column, MetricSink.Family> families = DiskstatsFamilies.declare(out, COLUMNS);
        MetricSink.Family info = out.info("node_disk_info", "Info of /sys/block/<block_device>.",
                "device", "major", "minor", "model", "path", "revision", "serial", "wwn");
        HostPaths.eachLine(paths.proc("diskstats"), line -> {
            String[] f = HostPaths.fields(line);
            if (f.length < 14 || exclude.matcher(f[2]).find()) {
                return;
            }
            String device = f[2];
            for (int i = 0; i < COLUMNS.length && i + 3 < f.length; i++) {
                families.get(COLUMNS[i]).add(Double.parseDouble(f[i + 3]) * COLUMNS[i].procfsScale, device);
            }
            String block = "block/" + device + "/";
            info.add(1, device, f[0], f[1], sysfs(block + "device/model"), "", sysfs(block + "device/rev"),
                    sysfs(block + "device/serial"), sysfs(block + "wwid"));
        });
    }

    private String sysfs(String relative) {
        String value = HostPaths.readFirstLine(paths.sys(relative));
        return value == null ? "" : value;
    }
}
