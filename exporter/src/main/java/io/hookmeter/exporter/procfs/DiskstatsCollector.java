package io.hookmeter.exporter.procfs;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;

import java.util.regex.Pattern;

/**
 * {@code node_disk_*{device}} from /proc/diskstats, plus {@code node_disk_info} from /sys/block. Partitions, loop
 * and ram devices are left out by default, as node_exporter does.
 */
public final class DiskstatsCollector implements Collector {
    /** node_exporter 1.5's default {@code --collector.diskstats.device-exclude}. */
    public static final String DEFAULT_DEVICE_EXCLUDE = "^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$";
    private static final double SECTOR_BYTES = 512;
    private static final double MS = 0.001;

    /** The /proc/diskstats columns after the device name, in order, as node_exporter exposes them. */
    private static final Column[] COLUMNS = {
        new Column("node_disk_reads_completed_total", "The total number of reads completed successfully.", 1),
        new Column("node_disk_reads_merged_total", "The total number of reads merged.", 1),
        new Column("node_disk_read_bytes_total", "The total number of bytes read successfully.", SECTOR_BYTES),
        new Column("node_disk_read_time_seconds_total", "The total number of seconds spent by all reads.", MS),
        new Column("node_disk_writes_completed_total", "The total number of writes completed successfully.", 1),
        new Column("node_disk_writes_merged_total", "The number of writes merged.", 1),
        new Column("node_disk_written_bytes_total", "The total number of bytes written successfully.",
                SECTOR_BYTES),
        new Column("node_disk_write_time_seconds_total", "This is the total number of seconds spent by all writes.",
                MS),
        new Column("node_disk_io_now", "The number of I/Os currently in progress.", 1),
        new Column("node_disk_io_time_seconds_total", "Total seconds spent doing I/Os.", MS),
        new Column("node_disk_io_time_weighted_seconds_total", "The weighted # of seconds spent doing I/Os.", MS),
        new Column("node_disk_discards_completed_total", "The total number of discards completed successfully.", 1),
        new Column("node_disk_discards_merged_total", "The total number of discards merged.", 1),
        new Column("node_disk_discarded_sectors_total", "The total number of sectors discarded successfully.", 1),
        new Column("node_disk_discard_time_seconds_total",
                "This is the total number of seconds spent by all discards.", MS),
        new Column("node_disk_flush_requests_total", "The total number of flush requests completed successfully", 1),
        new Column("node_disk_flush_requests_time_seconds_total",
                "This is the total number of seconds spent by all flush requests.", MS),
    };

    private final HostPaths paths;
    private final Pattern exclude;

    public DiskstatsCollector(HostPaths paths, Pattern exclude) {
        this.paths = paths;
        this.exclude = exclude;
    }

    @Override
    public String name() {
        return "diskstats";
    }

    @Override
    public void collect(MetricSink out) throws Exception {
        MetricSink.Family[] families = new MetricSink.Family[COLUMNS.length];
        for (int i = 0; i < COLUMNS.length; i++) {
            Column c = COLUMNS[i];
            families[i] = c.name.endsWith("_total") ? out.counter(c.name, c.help, "device")
                    : out.gauge(c.name, c.help, "device");
        }
        MetricSink.Family info = out.info("node_disk_info", "Info of /sys/block/<block_device>.",
                "device", "major", "minor", "model", "path", "revision", "serial", "wwn");
        for (String line : HostPaths.lines(paths.proc("diskstats"))) {
            String[] f = HostPaths.fields(line);
            if (f.length < 14 || exclude.matcher(f[2]).find()) {
                continue;
            }
            String device = f[2];
            for (int i = 0; i < COLUMNS.length && i + 3 < f.length; i++) {
                families[i].add(Double.parseDouble(f[i + 3]) * COLUMNS[i].scale, device);
            }
            String block = "block/" + device + "/";
            info.add(1, device, f[0], f[1], sysfs(block + "device/model"), "", sysfs(block + "device/rev"),
                    sysfs(block + "device/serial"), sysfs(block + "wwid"));
        }
    }

    private String sysfs(String relative) {
        String value = HostPaths.readFirstLine(paths.sys(relative));
        return value == null ? "" : value;
    }

    private record Column(String name, String help, double scale) {
    }
}
