package io.hookmeter.exporter.collector.loadavg;

import io.hookmeter.exporter.collect.MetricSink;

/** The loadavg collector's families, declared once for both backends. */
final class LoadavgFamilies {
    private static final String[] NAMES = {"node_load1", "node_load5", "node_load15"};
    private static final String[] HELPS = {"1m load average.", "5m load average.", "15m load average."};

    private LoadavgFamilies() {
    }

    /** The 1, 5 and 15 minute load averages; a negative one (the OS has none) is left out. */
    static void write(MetricSink out, double[] loads) {
        for (int i = 0; i < NAMES.length; i++) {
            if (loads[i] >= 0) {
                out.gauge(NAMES[i], HELPS[i]).add(loads[i]);
            }
        }
    }
}
