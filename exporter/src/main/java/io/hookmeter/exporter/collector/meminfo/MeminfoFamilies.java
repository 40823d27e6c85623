package io.hookmeter.exporter.collector.meminfo;

import io.hookmeter.exporter.collect.MetricSink;

/** The meminfo collector's families, named for both backends the way node_exporter names /proc/meminfo fields. */
final class MeminfoFamilies {
    private MeminfoFamilies() {
    }

    /** {@code node_memory_<field>}: {@code field} is {@code MemTotal_bytes} for kB fields, as is for counts. */
    static void field(MetricSink out, String field, double value) {
        out.gauge("node_memory_" + field, "Memory information field " + field + ".").add(value);
    }
}
