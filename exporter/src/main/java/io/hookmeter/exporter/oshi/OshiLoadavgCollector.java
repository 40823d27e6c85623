package io.hookmeter.exporter.oshi;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;

/** {@code node_load1/5/15} where the OS has load averages (not Windows: there the series are absent). */
public final class OshiLoadavgCollector implements Collector {
    private final OshiHost host;

    public OshiLoadavgCollector(OshiHost host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "loadavg";
    }

    @Override
    public void collect(MetricSink out) {
        double[] load = host.processor().getSystemLoadAverage(3);
        String[] names = {"node_load1", "node_load5", "node_load15"};
        String[] helps = {"1m load average.", "5m load average.", "15m load average."};
        for (int i = 0; i < 3; i++) {
            if (load[i] >= 0) {
                out.gauge(names[i], helps[i]).add(load[i]);
            }
        }
    }
}
