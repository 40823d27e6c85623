package io.hookmeter.exporter.collector.diskstats;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.collector.diskstats.DiskstatsFamilies.Column;
import io.hookmeter.exporter.oshi.OshiHost;
import oshi.hardware.HWDiskStore;

import java.util.Map;
import java.util.regex.Pattern;

/** The {@code node_disk_*{device}} counters OSHI has on every OS (no merges, discards or per-direction times). */
public record OshiDiskstatsCollector(OshiHost host, Pattern exclude) implements Collector {
    @Override
    public void collect(MetricSink out) {
        Map<Column, MetricSink.Family> f = DiskstatsFamilies.declare(out, Column.READS_COMPLETED, Column.READ_BYTES,
                Column.WRITES_COMPLETED, Column.WRITTEN_BYTES, Column.IO_TIME, Column.IO_NOW);
        for (HWDiskStore disk : host.hardware().getDiskStores()) {
            String device = disk.getName().replaceFirst("^/dev/", "");
            if (exclude.matcher(device).find()) {
                continue;
            }
            f.get(Column.READS_COMPLETED).add(disk.getReads(), device);
            f.get(Column.READ_BYTES).add(disk.getReadBytes(), device);
            f.get(Column.WRITES_COMPLETED).add(disk.getWrites(), device);
            f.get(Column.WRITTEN_BYTES).add(disk.getWriteBytes(), device);
            f.get(Column.IO_TIME).add(disk.getTransferTime() / 1000.0, device);
            f.get(Column.IO_NOW).add(disk.getCurrentQueueLength(), device);
        }
    }
}
