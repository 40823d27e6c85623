package io.hookmeter.exporter.collector.hwmon;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.oshi.OshiHost;
import oshi.hardware.Sensors;

/**
 * What OSHI's sensors know, as hwmon metrics: the CPU temperature as {@code node_hwmon_temp_celsius{chip="cpu",
 * sensor="temp1"}} and fans as {@code node_hwmon_fan_rpm{chip="cpu",sensor="fanN"}}; nothing when unknown (0).
 */
public record OshiHwmonCollector(OshiHost host) implements Collector {
    @Override
    public void collect(MetricSink out) {
        Sensors sensors = host.hardware().getSensors();
        double celsius = sensors.getCpuTemperature();
        if (celsius > 0) {
            HwmonFamilies.temperatures(out).add(celsius, "cpu", "temp1");
        }
        int[] fans = sensors.getFanSpeeds();
        for (int i = 0; i < fans.length; i++) {
            if (fans[i] > 0) {
                HwmonFamilies.fans(out).add(fans[i], "cpu", "fan" + (i + 1));
            }
        }
    }
}
