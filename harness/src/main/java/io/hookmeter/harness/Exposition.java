package io.hookmeter.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A parsed Prometheus text exposition (format 0.0.4, what a Pushgateway, node_exporter or Hookmeter's own exporter
 * serves): each family's TYPE, and its samples with labels (unescaped) and values. The one parser of the tests.
 */
public final class Exposition {
    public record Sample(String name, Map<String, String> labels, double value) {
        /** Whether this is a sample of {@code metric} whose labels include {@code wanted}. */
        public boolean matches(String metric, Map<String, String> wanted) {
            return name.equals(metric) && wanted.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        }
    }

    public final Map<String, String> types = new HashMap<>();
    /** The samples by name, in name order; each name's in the order served. */
    public final Map<String, List<Sample>> samples = new TreeMap<>();

    /** Parses {@code text}; a line that is not a comment, a TYPE or a sample fails with that line. */
    public static Exposition parse(String text) {
        Exposition exposition = new Exposition();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] f = line.split(" ");
                exposition.types.put(f[2], f[3]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Sample sample;
                try {
                    sample = sample(line);
                } catch (RuntimeException e) {
                    throw new AssertionError("not a sample line: " + line, e);
                }
                exposition.samples.computeIfAbsent(sample.name(), k -> new ArrayList<>()).add(sample);
            }
        }
        return exposition;
    }

    /**
     * {@code name{label="value",...} value [timestamp] [# exemplar]}, label values with {@code \\}, {@code \"} and
     * {@code \n} escaped.
     */
    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String key = line.substring(i, eq).strip();
                if (line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("unquoted label value");
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(key, value.toString());
                i = j + 1;
                while (line.charAt(i) == ',' || line.charAt(i) == ' ') {
                    i++;
                }
            }
            i++;
        }
        String after = line.substring(i);
        int exemplar = after.indexOf(" # ");
        String[] rest = (exemplar < 0 ? after : after.substring(0, exemplar)).strip().split("[ \t]+");
        if (name.isEmpty() || rest.length < 1 || rest.length > 2) {
            throw new IllegalArgumentException("no name, or not one value and an optional timestamp");
        }
        return new Sample(name, labels, number(rest[0]));
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /** The sample names present, in order. */
    public List<String> names() {
        return List.copyOf(samples.keySet());
    }

    /** Every sample, by name. */
    public List<Sample> all() {
        return samples.values().stream().flatMap(List::stream).toList();
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

    /** The samples of {@code metric} whose labels include {@code wanted}. */
    public List<Sample> find(String metric, Map<String, String> wanted) {
        return get(metric).stream().filter(s -> s.matches(metric, wanted)).toList();
    }

    /** The sum of the samples of {@code metric} whose labels include {@code wanted} (0 when none). */
    public double sum(String metric, Map<String, String> wanted) {
        return find(metric, wanted).stream().mapToDouble(Sample::value).sum();
    }

    /** The label names of a metric's samples (all samples of a node_exporter metric share them). */
    public Set<String> labelNames(String name) {
        Set<String> names = new TreeSet<>();
        get(name).forEach(s -> names.addAll(s.labels.keySet()));
        return names;
    }

    /** The values of one label across a metric's samples. */
    public Set<String> labelValues(String name, String label) {
        Set<String> values = new TreeSet<>();
        get(name).forEach(s -> values.add(s.labels.get(label)));
        return values;
    }

    /** The family a sample name belongs to, for looking up its TYPE. */
    public String typeOf(String sampleName) {
        return types.get(sampleName);
    }
}
