package io.hookmeter.exporter.collector.hwmon;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.procfs.HostPaths;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Temperatures and fan speeds from /sys/class/hwmon: {@code node_hwmon_temp_celsius{chip,sensor}},
 * {@code node_hwmon_fan_rpm{chip,sensor}} and {@code node_hwmon_chip_names{chip,chip_name}}. Hosts without
 * hwmon (most VMs) simply have none of these series.
 */
public record ProcfsHwmonCollector(HostPaths paths) implements Collector {
    @Override
    public void collect(MetricSink out) throws Exception {
        Path root = paths.sys("class/hwmon");
        if (!Files.isDirectory(root)) {
            return;
        }
        MetricSink.Family names = HwmonFamilies.chipNames(out);
        MetricSink.Family temps = HwmonFamilies.temperatures(out);
        MetricSink.Family fans = HwmonFamilies.fans(out);
        for (Path hwmon : sorted(root)) {
            String chip = chipName(hwmon);
            String chipName = HostPaths.readFirstLine(hwmon.resolve("name"));
            if (chipName != null) {
                names.add(1, chip, chipName);
            }
            for (Path file : sorted(hwmon)) {
                String fileName = file.getFileName().toString();
                if (!fileName.endsWith("_input")) {
                    continue;
                }
                String sensor = fileName.substring(0, fileName.length() - "_input".length());
                String raw = HostPaths.readFirstLine(file);
                if (raw == null || raw.isEmpty()) {
                    continue;
                }
                try {
                    if (sensor.startsWith("temp")) {
                        temps.add(Double.parseDouble(raw) / 1000, chip, sensor);
                    } else if (sensor.startsWith("fan")) {
                        fans.add(Double.parseDouble(raw), chip, sensor);
                    }
                } catch (NumberFormatException e) {
                    throw HostPaths.failure(file, e);
                }
            }
        }
    }

    /** node_exporter names a chip by its device, e.g. {@code platform_coretemp_0}; without one, by the hwmon dir. */
    private static String chipName(Path hwmon) {
        Path device = hwmon.resolve("device");
        try {
            if (Files.exists(device)) {
                Path real = device.toRealPath();
                String name = real.getParent().getFileName() + "_" + real.getFileName();
                return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
            }
        } catch (IOException | RuntimeException e) {
            // Fall back to the hwmon directory's own name.
        }
        return hwmon.getFileName().toString();
    }

    private static List<Path> sorted(Path dir) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (IOException | RuntimeException e) {
            throw HostPaths.failure(dir, e);
        }
        entries.sort(null);
        return entries;
    }
}
