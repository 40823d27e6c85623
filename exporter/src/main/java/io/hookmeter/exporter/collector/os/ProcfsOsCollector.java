package io.hookmeter.exporter.collector.os;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.procfs.HostPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code node_os_info} and {@code node_os_version} from the host's os-release file, like node_exporter's os
 * collector.
 */
public record ProcfsOsCollector(HostPaths paths) implements Collector {
    @Override
    public void collect(MetricSink out) throws Exception {
        Map<String, String> release = parse(file());
        String[] values = new String[OsFamilies.INFO_LABELS.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = release.getOrDefault(OsFamilies.INFO_LABELS.get(i).toUpperCase(Locale.ROOT), "");
        }
        OsFamilies.info(out, values);
        OsFamilies.version(out, release.getOrDefault("VERSION_ID", ""), release.getOrDefault("ID", ""),
                release.getOrDefault("ID_LIKE", ""), release.getOrDefault("NAME", ""));
    }

    private Path file() throws IOException {
        for (String candidate : new String[] {"/etc/os-release", "/usr/lib/os-release"}) {
            Path path = paths.root(candidate);
            if (Files.isReadable(path)) {
                return path;
            }
        }
        throw HostPaths.failure(paths.root("/etc/os-release"), "no such file, nor /usr/lib/os-release");
    }

    /** KEY=value lines; values may be single- or double-quoted. */
    static Map<String, String> parse(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        HostPaths.eachLine(file, line -> {
            int eq = line.indexOf('=');
            if (eq <= 0 || line.startsWith("#")) {
                return;
            }
            String value = line.substring(eq + 1).trim();
            if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))
                    && value.endsWith(value.substring(0, 1))) {
                value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
            values.put(line.substring(0, eq).trim(), value);
        });
        return values;
    }
}
