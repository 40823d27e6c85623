package io.hookmeter.exporter.collector.hwmon;

import io.hookmeter.exporter.collect.MetricSink;

/** The hwmon collector's families, declared once for both backends. */
final class HwmonFamilies {
    private HwmonFamilies() {
    }

    static MetricSink.Family chipNames(MetricSink out) {
        return out.gauge("node_hwmon_chip_names", "Annotation metric for human-readable chip names", "chip",
                "chip_name");
    }

    static MetricSink.Family temperatures(MetricSink out) {
        return out.gauge("node_hwmon_temp_celsius", "Hardware monitor for temperature (input)", "chip", "sensor");
    }

    static MetricSink.Family fans(MetricSink out) {
        return out.gauge("node_hwmon_fan_rpm", "Hardware monitor for fan revolutions per minute (input)", "chip",
                "sensor");
    }
}
