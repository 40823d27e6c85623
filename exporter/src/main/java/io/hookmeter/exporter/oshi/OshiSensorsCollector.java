package io.hookmeter.exporter.oshi;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import oshi.hardware.Sensors;

/**
 * What OSHI's sensors know, as hwmon metrics: the CPU temperature as {@code node_hwmon_temp_celsius{chip="cpu",
 * sensor="temp1"}} and fans as {@code node_hwmon_fan_rpm{chip="cpu",sensor="fanN"}}; nothing when unknown (0).
 */
public final class OshiSensorsCollector implements Collector {
    private final OshiHost host;

    public OshiSensorsCollector(OshiHost host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "hwmon";
    }

    @Override
    public void collect(MetricSink out) {
        Sensors sensors = host.hardware().getSensors();
        double celsius = sensors.getCpuTemperature();
        if (celsius > 0) {
            out.gauge("node_hwmon_temp_celsius", "Hardware monitor for temperature (input)", "chip", "sensor")
                    .add(celsius, "cpu", "temp1");
        }
        int[] fans = sensors.getFanSpeeds();
        for (int i = 0; i < fans.length; i++) {
            if (fans[i] > 0) {
                out.gauge("node_hwmon_fan_rpm", "Hardware monitor for fan revolutions per minute (input)",
                        "chip", "sensor").add(fans[i], "cpu", "fan" + (i + 1));
            }
        }
    }
}
