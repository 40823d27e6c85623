package io.hookmeter.stack.rules;

import io.hookmeter.harness.Launchers;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The shipped prometheus/ and alertmanager/ folders as tests run them: copied to a scratch folder with every
 * compose address ({@code service:port}) replaced by {@code 127.0.0.1:<port>} and the container mount point
 * ({@code /etc/alertmanager/}) by the copy's folder, the same plain textual substitutions scripts/stack does, plus
 * optional test-only edits (shorter intervals) that never touch the shipped files.
 */
public final class ShippedStack {
    /** The deployment contract (docs/alerting.md): compose service name and canonical port. */
    static final Map<String, Integer> SERVICES = Map.of(
            "prometheus", 9090, "prometheus-longterm", 9094, "pushgateway", 9091, "alertmanager", 9093,
            "grafana", 3000, "exporter", 9101, "alert-sink", 9095);

    static final Path ROOT = Launchers.repoRoot();

    private ShippedStack() {
    }

    /** Replaces each {@code service:canonicalPort} with {@code 127.0.0.1:port} (canonical port when not given). */
    static String rewriteAddresses(String text, Map<String, Integer> ports) {
        String result = text;
        for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
            int port = ports.getOrDefault(service.getKey(), service.getValue());
            result = result.replace(service.getKey() + ":" + service.getValue(), "127.0.0.1:" + port);
        }
        return result;
    }

    /**
     * Copies {@code ROOT/folder} into {@code target} with addresses rewritten; {@code edit} then gets each file's
     * path relative to the folder and its text, and returns the text to write.
     */
    static Path copy(String folder, Path target, Map<String, Integer> ports, Edit edit) {
        Path source = ROOT.resolve(folder);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = source.relativize(file).toString();
                Path out = target.resolve(relative);
                Files.createDirectories(out.getParent());
                // Like scripts/stack: the container mount point (/etc/alertmanager/ ...) becomes the copy's folder.
                String text = rewriteAddresses(Files.readString(file), ports)
                        .replace("/etc/" + folder + "/", target.toAbsolutePath() + "/");
                Files.writeString(out, edit.apply(relative, text));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test-only change to one shipped file. */
    @FunctionalInterface
    interface Edit {
        String apply(String relativePath, String text);

        Edit NONE = (path, text) -> text;
    }

    /**
     * The test overlay of the two Prometheus servers: the main one scrapes and evaluates every second and runs the
     * aggregate groups every {@code aggregates} instead of 1h/1d; the long-term one scrapes itself every second.
     */
    static String fastPrometheus(String file, String text, String aggregates) {
        return switch (file) {
            case "prometheus.yml" -> replaceAll(text, pairs("scrape_interval: 15s", "scrape_interval: 1s",
                    "evaluation_interval: 15s", "evaluation_interval: 1s"));
            case "rules/aggregates.yml" -> replaceAll(text, pairs("interval: 1h", "interval: " + aggregates,
                    "interval: 1d", "interval: " + aggregates));
            case "prometheus-longterm.yml" -> replaceAll(text, pairs("scrape_interval: 1m", "scrape_interval: 1s"));
            default -> text;
        };
    }

    /** Applies {@code change} to the YAML block of one alert rule (from its "- alert:" line to the next rule). */
    static String inAlert(String text, String alert, UnaryOperator<String> change) {
        Matcher m = Pattern.compile("(?s)(- alert: " + Pattern.quote(alert) + "\\n.*?)(?=\\n\\s*- (alert|record):|\\z)")
                .matcher(text);
        if (!m.find()) {
            throw new AssertionError("alert " + alert + " not found");
        }
        return text.substring(0, m.start()) + change.apply(m.group(1)) + text.substring(m.end());
    }

    /** Replaces every {@code key: value} pair (YAML scalars) with the test's value. */
    static String replaceAll(String text, Map<String, String> replacements) {
        String result = text;
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            if (!result.contains(r.getKey())) {
                throw new AssertionError("'" + r.getKey() + "' not found; the test overlay is out of date");
            }
            result = result.replace(r.getKey(), r.getValue());
        }
        return result;
    }

    static Map<String, String> pairs(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The shipped base of the runbook links: the external label runbooks_url in prometheus/prometheus.yml. */
    public static String runbooksUrl() {
        try {
            Map<String, Map<String, Map<String, String>>> config =
                    new Yaml().load(Files.readString(ROOT.resolve("prometheus/prometheus.yml")));
            return config.get("global").get("external_labels").get("runbooks_url");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Alert rule files, as SnakeYAML maps. */
    static List<Path> ruleFiles() {
        try (Stream<Path> files = Files.list(ROOT.resolve("prometheus/rules"))) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
