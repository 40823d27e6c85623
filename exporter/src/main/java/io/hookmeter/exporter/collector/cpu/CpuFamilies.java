package io.hookmeter.exporter.collector.cpu;

import io.hookmeter.exporter.collect.MetricSink;

import java.util.List;

/** The cpu collector's families, declared once for both backends. */
final class CpuFamilies {
    /** The modes of {@code node_cpu_seconds_total}, in the order of the cpuN columns of /proc/stat. */
    static final List<String> MODES = List.of("user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal");

    private CpuFamilies() {
    }

    static MetricSink.Family seconds(MetricSink out) {
        return out.counter("node_cpu_seconds_total", "Seconds the CPUs spent in each mode.", "cpu", "mode");
    }

    static MetricSink.Family guestSeconds(MetricSink out) {
        return out.counter("node_cpu_guest_seconds_total", "Seconds the CPUs spent in guests (VMs) for each mode.",
                "cpu", "mode");
    }
}
