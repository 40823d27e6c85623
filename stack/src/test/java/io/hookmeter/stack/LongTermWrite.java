package io.hookmeter.stack;

import io.hookmeter.harness.Launchers;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The main Prometheus's remote write to the long-term tier as {@code prometheus/prometheus.yml} ships it: the one
 * {@code remote_write} entry named {@code longterm}, whose single {@code keep} rule on {@code __name__} decides
 * which series the long-term Prometheus receives.
 */
public final class LongTermWrite {
    /** The relabel actions that drop series; any other (replace, the default, and the rest) only changes labels. */
    private static final List<String> FILTERS = List.of("keep", "drop", "keepequal", "dropequal");

    private LongTermWrite() {
    }

    /** The shipped entry; fails unless exactly one is named {@code longterm}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> entry() {
        Map<String, Object> config;
        try (Reader reader = Files.newBufferedReader(Launchers.repoRoot().resolve("prometheus/prometheus.yml"))) {
            config = new Yaml().load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Map<String, Object>> entries = ((List<Map<String, Object>>) config.getOrDefault("remote_write", List.of()))
                .stream().filter(e -> "longterm".equals(e.get("name"))).toList();
        if (entries.size() != 1) {
            throw new AssertionError("prometheus.yml needs one remote_write named longterm, has " + entries.size());
        }
        return entries.get(0);
    }

    /** The names kept: the regex of the entry's one relabel rule that filters, a keep on {@code __name__}. */
    @SuppressWarnings("unchecked")
    public static Pattern keptNames() {
        List<Map<String, Object>> rules = (List<Map<String, Object>>) entry().getOrDefault("write_relabel_configs",
                List.of());
        List<Map<String, Object>> filters = rules.stream()
                .filter(rule -> FILTERS.contains(String.valueOf(rule.get("action"))))
                .toList();
        if (filters.size() != 1 || !"keep".equals(filters.get(0).get("action"))
                || !List.of("__name__").equals(filters.get(0).get("source_labels"))) {
            throw new AssertionError("the longterm remote_write must filter by one keep rule on __name__: " + rules);
        }
        return Pattern.compile(String.valueOf(filters.get(0).get("regex")));
    }
}
