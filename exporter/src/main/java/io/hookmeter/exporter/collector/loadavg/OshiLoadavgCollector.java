package io.hookmeter.exporter.collector.loadavg;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.oshi.OshiHost;

/** {@code node_load1/5/15} where the OS has load averages (not Windows: there the series are absent). */
public record OshiLoadavgCollector(OshiHost host) implements Collector {
    @Override
    public void collect(MetricSink out) {
        LoadavgFamilies.write(out, host.processor().getSystemLoadAverage(3));
    }
}
