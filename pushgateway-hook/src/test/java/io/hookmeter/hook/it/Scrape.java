package io.hookmeter.hook.it;

import io.hookmeter.harness.Http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The samples of one group, read back from the real Pushgateway's {@code /metrics}. */
final class Scrape {
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private Scrape(List<Sample> samples) {
        this.samples = samples;
    }

    /** Samples whose {@code instance} label is {@code instance} (our group), grouping labels removed. */
    static Scrape of(String pushgatewayUrl, String instance) {
        return of(pushgatewayUrl, instance, Map.of());
    }

    /** As {@link #of(String, String)}, reading with these request headers (a Pushgateway behind basic auth). */
    static Scrape of(String pushgatewayUrl, String instance, Map<String, String> headers) {
        List<Sample> ours = new ArrayList<>();
        for (String line : Http.getOk(pushgatewayUrl + "/metrics", headers).split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Sample sample = parse(line);
            if (instance.equals(sample.labels.get("instance")) && "hookmeter".equals(sample.labels.get("job"))) {
                sample.labels.remove("instance");
                sample.labels.remove("job");
                sample.labels.remove("user");
                ours.add(sample);
            }
        }
        return new Scrape(ours);
    }

    List<Sample> all() {
        return samples;
    }

    /** The value of the sample with exactly this name and these labels ({@code k1, v1, k2, v2, ...}), or null. */
    Double value(String name, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        for (Sample sample : samples) {
            if (sample.name.equals(name) && sample.labels.equals(wanted)) {
                return sample.value;
            }
        }
        return null;
    }

    /** Names of all our series, for failure messages. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        samples.forEach(s -> text.append(s.name).append(s.labels).append(' ').append(s.value).append('\n'));
        return text.toString();
    }

    private static Sample parse(String line) {
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        Map<String, String> labels = new TreeMap<>();
        String name;
        if (brace < 0 || brace > space) {
            name = line.substring(0, line.indexOf(' '));
        } else {
            name = line.substring(0, brace);
            int i = brace + 1;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String key = line.substring(i, eq);
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
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
        }
        return new Sample(name, labels, Double.parseDouble(line.substring(space + 1)));
    }
}
