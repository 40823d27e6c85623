package io.hookmeter.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed Prometheus text exposition: each family's type, and its samples with labels and values. */
public final class Exposition {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    public final Map<String, String> types = new HashMap<>();
    public final Map<String, List<Sample>> samples = new TreeMap<>();

    public static Exposition parse(String text) {
        Exposition scrape = new Exposition();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] f = line.split(" ");
                scrape.types.put(f[2], f[3]);
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                Matcher m = SAMPLE.matcher(line);
                if (!m.find()) {
                    throw new AssertionError("not a sample line: " + line);
                }
                Map<String, String> labels = new TreeMap<>();
                if (m.group(3) != null) {
                    Matcher l = LABEL.matcher(m.group(3));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2));
                    }
                }
                scrape.samples.computeIfAbsent(m.group(1), k -> new ArrayList<>())
                        .add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
            }
        }
        return scrape;
    }

    public List<Sample> get(String name) {
        return samples.getOrDefault(name, List.of());
    }

    /** The one sample of {@code name} whose labels include {@code labels}; fails when there is not exactly one. */
    public double value(String name, String... labels) {
        List<Sample> found = new ArrayList<>();
        for (Sample s : get(name)) {
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= labels[i + 1].equals(s.labels.get(labels[i]));
            }
            if (all) {
                found.add(s);
            }
        }
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples of " + name + " " + List.of(labels) + ": " + get(name));
        }
        return found.get(0).value();
    }

    /** The label names of a metric's samples (all samples of a node_exporter metric share them). */
    public java.util.Set<String> labelNames(String name) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        get(name).forEach(s -> names.addAll(s.labels.keySet()));
        return names;
    }

    /** The values of one label across a metric's samples. */
    public java.util.Set<String> labelValues(String name, String label) {
        java.util.Set<String> values = new java.util.TreeSet<>();
        get(name).forEach(s -> values.add(s.labels.get(label)));
        return values;
    }

    /** The family a sample name belongs to, for looking up its TYPE. */
    public String typeOf(String sampleName) {
        return types.get(sampleName);
    }
}
