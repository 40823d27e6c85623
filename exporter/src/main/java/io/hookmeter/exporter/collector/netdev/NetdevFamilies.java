package io.hookmeter.exporter.collector.netdev;

import io.hookmeter.exporter.collect.MetricSink;

/** The netdev collector's families, declared once for both backends. */
final class NetdevFamilies {
    private NetdevFamilies() {
    }

    static MetricSink.Family up(MetricSink out) {
        return out.gauge("node_network_up", "Value is 1 if operstate is 'up', 0 otherwise.", "device");
    }

    /** {@code node_network_<stat>_total{device}}, {@code stat} as {@code receive_bytes}. */
    static void add(MetricSink out, String stat, double value, String device) {
        out.counter("node_network_" + stat + "_total", "Network device statistic " + stat + ".", "device")
                .add(value, device);
    }
}
