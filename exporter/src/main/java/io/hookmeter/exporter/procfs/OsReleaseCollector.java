package io.hookmeter.exporter.procfs;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code node_os_info} and {@code node_os_version} from the host's os-release file, like node_exporter's os
 * collector.
 */
public final class OsReleaseCollector implements Collector {
    private static final String[] INFO_LABELS = {"build_id", "id", "id_like", "image_id", "image_version", "name",
        "pretty_name", "variant", "variant_id", "version", "version_codename", "version_id"};
    private static final Pattern MAJOR_MINOR = Pattern.compile("^([0-9]+)(\\.[0-9]+)?");

    private final HostPaths paths;

    public OsReleaseCollector(HostPaths paths) {
        this.paths = paths;
    }

    @Override
    public String name() {
        return "os";
    }

    @Override
    public void collect(MetricSink out) throws Exception {
        Map<String, String> release = parse(file());
        String[] values = new String[INFO_LABELS.length];
        for (int i = 0; i < INFO_LABELS.length; i++) {
            values[i] = release.getOrDefault(INFO_LABELS[i].toUpperCase(), "");
        }
        out.info("node_os_info", "A metric with a constant '1' value labeled by build_id, id, id_like, image_id, "
                + "image_version, name, pretty_name, variant, variant_id, version, version_codename, version_id.",
                INFO_LABELS).add(1, values);
        Matcher version = MAJOR_MINOR.matcher(release.getOrDefault("VERSION_ID", ""));
        if (version.find()) {
            out.gauge("node_os_version", "Metric containing the major.minor part of the OS version.",
                    "id", "id_like", "name").add(Double.parseDouble(version.group()), release.getOrDefault("ID", ""),
                    release.getOrDefault("ID_LIKE", ""), release.getOrDefault("NAME", ""));
        }
    }

    private Path file() throws IOException {
        for (String candidate : new String[] {"/etc/os-release", "/usr/lib/os-release"}) {
            Path path = paths.root(candidate);
            if (Files.isReadable(path)) {
                return path;
            }
        }
        throw new IOException("no os-release file under " + paths.rootfs());
    }

    /** KEY=value lines; values may be single- or double-quoted. */
    static Map<String, String> parse(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : HostPaths.lines(file)) {
            int eq = line.indexOf('=');
            if (eq <= 0 || line.startsWith("#")) {
                continue;
            }
            String value = line.substring(eq + 1).trim();
            if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))
                    && value.endsWith(value.substring(0, 1))) {
                value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
            values.put(line.substring(0, eq).trim(), value);
        }
        return values;
    }
}
