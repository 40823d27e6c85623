package io.hookmeter.exporter.collector.os;

import io.hookmeter.exporter.collect.MetricSink;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The os collector's families, declared once for both backends. */
final class OsFamilies {
    /** node_os_info's labels: os-release keys in lower case. */
    static final List<String> INFO_LABELS = List.of("build_id", "id", "id_like", "image_id", "image_version", "name",
            "pretty_name", "variant", "variant_id", "version", "version_codename", "version_id");
    private static final Pattern MAJOR_MINOR = Pattern.compile("^([0-9]+)(\\.[0-9]+)?");

    private OsFamilies() {
    }

    /** {@code node_os_info}; {@code values} in the order of {@link #INFO_LABELS}. */
    static void info(MetricSink out, String... values) {
        out.info("node_os_info", "A metric with a constant '1' value labeled by build_id, id, id_like, image_id, "
                + "image_version, name, pretty_name, variant, variant_id, version, version_codename, version_id.",
                INFO_LABELS.toArray(new String[0])).add(1, values);
    }

    /** {@code node_os_version}: the major.minor start of {@code versionId}; nothing when it has none. */
    static void version(MetricSink out, String versionId, String id, String idLike, String name) {
        Matcher version = MAJOR_MINOR.matcher(versionId);
        if (version.find()) {
            out.gauge("node_os_version", "Metric containing the major.minor part of the OS version.",
                    "id", "id_like", "name").add(Double.parseDouble(version.group()), id, idLike, name);
        }
    }
}
