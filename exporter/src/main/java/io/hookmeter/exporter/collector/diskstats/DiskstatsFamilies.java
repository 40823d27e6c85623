package io.hookmeter.exporter.collector.diskstats;

import io.hookmeter.exporter.collect.MetricSink;

import java.util.EnumMap;
import java.util.Map;

/** The diskstats collector's families, declared once for both backends. */
final class DiskstatsFamilies {
    private static final double SECTOR_BYTES = 512;
    private static final double MS = 0.001;

    /** The /proc/diskstats columns after the device name, in order, and what one unit of each is in the metric. */
    enum Column {
        READS_COMPLETED("node_disk_reads_completed_total", "The total number of reads completed successfully.", 1),
        READS_MERGED("node_disk_reads_merged_total", "The total number of reads merged.", 1),
        READ_BYTES("node_disk_read_bytes_total", "The total number of bytes read successfully.", SECTOR_BYTES),
        READ_TIME("node_disk_read_time_seconds_total", "The total number of seconds spent by all reads.", MS),
        WRITES_COMPLETED("node_disk_writes_completed_total", "The total number of writes completed successfully.",
                1),
        WRITES_MERGED("node_disk_writes_merged_total", "The number of writes merged.", 1),
        WRITTEN_BYTES("node_disk_written_bytes_total", "The total number of bytes written successfully.",
                SECTOR_BYTES),
        WRITE_TIME("node_disk_write_time_seconds_total",
                "This is the total number of seconds spent by all writes.", MS),
        IO_NOW("node_disk_io_now", "The number of I/Os currently in progress.", 1),
        IO_TIME("node_disk_io_time_seconds_total", "Total seconds spent doing I/Os.", MS),
        IO_TIME_WEIGHTED("node_disk_io_time_weighted_seconds_total", "The weighted # of seconds spent doing I/Os.",
                MS),
        DISCARDS_COMPLETED("node_disk_discards_completed_total",
                "The total number of discards completed successfully.", 1),
        DISCARDS_MERGED("node_disk_discards_merged_total", "The total number of discards merged.", 1),
        DISCARDED_SECTORS("node_disk_discarded_sectors_total", "The total number of sectors discarded successfully.",
                1),
        DISCARD_TIME("node_disk_discard_time_seconds_total",
                "This is the total number of seconds spent by all discards.", MS),
        FLUSH_REQUESTS("node_disk_flush_requests_total", "The total number of flush requests completed successfully",
                1),
        FLUSH_TIME("node_disk_flush_requests_time_seconds_total",
                "This is the total number of seconds spent by all flush requests.", MS);

        final String metric;
        final String help;
        /** One /proc/diskstats unit (a sector, a millisecond) in the metric's unit (bytes, seconds). */
        final double procfsScale;

        Column(String metric, String help, double procfsScale) {
            this.metric = metric;
            this.help = help;
            this.procfsScale = procfsScale;
        }
    }

    private DiskstatsFamilies() {
    }

    /** The families of {@code columns}, declared in the order given. */
    static Map<Column, MetricSink.Family> declare(MetricSink out, Column... columns) {
        Map<Column, MetricSink.Family> families = new EnumMap<>(Column.class);
        for (Column c : columns) {
            families.put(c, c.metric.endsWith("_total") ? out.counter(c.metric, c.help, "device")
                    : out.gauge(c.metric, c.help, "device"));
        }
        return families;
    }
}
