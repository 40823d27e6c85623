package io.hookmeter.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of a Prometheus text exposition (what a Pushgateway or the client's exporter serves). */
record Exposition(List<Sample> samples) {
    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    record Sample(String name, Map<String, String> labels, double value) {
        boolean matches(String metric, Map<String, String> wanted) {
            return name.equals(metric) && wanted.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        }
    }

    static Exposition parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.lines().toList()) {
            Matcher m = LINE.matcher(line);
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher label = LABEL.matcher(m.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\n", "\n")
                            .replace("\\\\", "\\"));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
        return new Exposition(samples);
    }

    /** The sum of the samples of {@code metric} whose labels include {@code wanted} (0 when none). */
    double sum(String metric, Map<String, String> wanted) {
        return samples.stream().filter(s -> s.matches(metric, wanted)).mapToDouble(Sample::value).sum();
    }

    /** The samples of {@code metric} whose labels include {@code wanted}. */
    List<Sample> find(String metric, Map<String, String> wanted) {
        return samples.stream().filter(s -> s.matches(metric, wanted)).toList();
    }

    /** The metric names present. */
    List<String> names() {
        return samples.stream().map(Sample::name).distinct().toList();
    }
}
