package io.hookmeter.hook.it;

import io.hookmeter.harness.Exposition;
import io.hookmeter.harness.Http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The samples of one group, read back from the real Pushgateway's {@code /metrics} ({@link Exposition}). */
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
        for (Exposition.Sample sample : Exposition.parse(Http.getOk(pushgatewayUrl + "/metrics", headers)).all()) {
            if (instance.equals(sample.labels().get("instance")) && "hookmeter".equals(sample.labels().get("job"))) {
                Map<String, String> labels = new TreeMap<>(sample.labels());
                labels.remove("instance");
                labels.remove("job");
                labels.remove("user");
                ours.add(new Sample(sample.name(), labels, sample.value()));
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
}
