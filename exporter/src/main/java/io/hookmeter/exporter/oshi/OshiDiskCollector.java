package io.hookmeter.exporter.oshi;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import oshi.hardware.HWDiskStore;

import java.util.regex.Pattern;

/** The {@code node_disk_*{device}} counters OSHI has on every OS (no merges, discards or per-direction times). */
public final class OshiDiskCollector implements Collector {
    private final OshiHost host;
    private final Pattern exclude;

    public OshiDiskCollector(OshiHost host, Pattern exclude) {
        this.host = host;
        this.exclude = exclude;
    }

    @Override
    public String name() {
        return "diskstats";
    }

    @Override
    public void collect(MetricSink out) {
        MetricSink.Family reads = out.counter("node_disk_reads_completed_total",
                "The total number of reads completed successfully.", "device");
        MetricSink.Family readBytes = out.counter("node_disk_read_bytes_total",
                "The total number of bytes read successfully.", "device");
        MetricSink.Family writes = out.counter("node_disk_writes_completed_total",
                "The total number of writes completed successfully.", "device");
        MetricSink.Family written = out.counter("node_disk_written_bytes_total",
                "The total number of bytes written successfully.", "device");
        MetricSink.Family ioTime = out.counter("node_disk_io_time_seconds_total", "Total seconds spent doing I/Os.",
                "device");
        MetricSink.Family ioNow = out.gauge("node_disk_io_now", "The number of I/Os currently in progress.",
                "device");
        for (HWDiskStore disk : host.hardware().getDiskStores()) {
            String device = disk.getName().replaceFirst("^/dev/", "");
            if (exclude.matcher(device).find()) {
                continue;
            }
            reads.add(disk.getReads(), device);
            readBytes.add(disk.getReadBytes(), device);
            writes.add(disk.getWrites(), device);
            written.add(disk.getWriteBytes(), device);
            ioTime.add(disk.getTransferTime() / 1000.0, device);
            ioNow.add(disk.getCurrentQueueLength(), device);
        }
    }
}
