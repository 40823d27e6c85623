package io.hookmeter.exporter.collector.stat;

import io.hookmeter.exporter.collect.MetricSink;

/** The stat collector's families, declared once for both backends. */
final class StatFamilies {
    private StatFamilies() {
    }

    static void bootTime(MetricSink out, double unixSeconds) {
        out.gauge("node_boot_time_seconds", "Node boot time, in unixtime.").add(unixSeconds);
    }

    static void contextSwitches(MetricSink out, double total) {
        out.counter("node_context_switches_total", "Total number of context switches.").add(total);
    }

    static void interrupts(MetricSink out, double total) {
        out.counter("node_intr_total", "Total number of interrupts serviced.").add(total);
    }
}
