package io.hookmeter.stack.dashboards;

import io.hookmeter.harness.Binaries;
import io.hookmeter.harness.FreePorts;
import io.hookmeter.harness.Launchers;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.Servers;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shipped Prometheus configurations ({@code prometheus/prometheus.yml}, {@code prometheus-longterm.yml}) and
 * rules, started for a test: every {@code service:port} target becomes the test server's loopback address (jobs
 * whose service is not running are left out), intervals are shortened so that a test sees data in seconds, and the
 * rule groups' own intervals (1h, 1d for the aggregates) are dropped so every group runs at the short interval. A
 * target label whose value is a key of the address map (the node job's {@code instance: HOOKMETER_HOST}) gets the
 * mapped value, as scripts/stack and the compose entrypoint fill in the machine's name.
 * A {@code remote_write} URL gets its test address the same way, and is left out when its server is not running.
 * Names, expressions, labels and relabelling rules stay exactly as shipped.
 */
final class ShippedPrometheus {
    static final Path PROMETHEUS_DIR = Launchers.repoRoot().resolve("prometheus");
    private static final Yaml YAML = new Yaml(dumperOptions());

    private ShippedPrometheus() {
    }

    /**
     * Starts a Prometheus from {@code configName} (in {@code prometheus/}); {@code addresses} maps the shipped
     * {@code service:port} targets to test addresses, and {@code self} is the shipped address of this Prometheus
     * itself, which gets the port it is started on.
     */
    static ManagedProcess start(Servers servers, String configName, String self, Map<String, String> addresses,
                                String interval, String... extraArgs) {
        int port = FreePorts.next();
        Map<String, String> targets = new HashMap<>(addresses);
        targets.put(self, "127.0.0.1:" + port);
        Path dir = servers.directory(configName.replace(".yml", ""));
        Map<String, Object> config = rewrite(load(PROMETHEUS_DIR.resolve(configName)), targets, interval, dir);
        Path configFile = write(dir.resolve("prometheus.yml"), config);
        List<String> cmd = new ArrayList<>(List.of(Binaries.require(Binaries.PROMETHEUS).toString(),
                "--config.file=" + configFile, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port));
        cmd.addAll(List.of(extraArgs));
        return servers.start(configName.replace(".yml", ""), cmd, port, "/-/ready", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rewrite(Map<String, Object> config, Map<String, String> targets,
                                               String interval, Path dir) {
        Map<String, Object> global = (Map<String, Object>) config.computeIfAbsent("global", k -> new HashMap<>());
        global.put("scrape_interval", interval);
        global.put("evaluation_interval", interval);
        config.remove("alerting");
        // Remote write (the aggregates to the long-term tier) goes to the test's server, or nowhere when none runs.
        List<Map<String, Object>> writes = (List<Map<String, Object>>) config.get("remote_write");
        if (writes != null) {
            for (Iterator<Map<String, Object>> it = writes.iterator(); it.hasNext(); ) {
                Map<String, Object> write = it.next();
                String url = String.valueOf(write.get("url"));
                String shipped = url.replaceFirst("^https?://([^/]+)/.*$", "$1");
                if (targets.containsKey(shipped)) {
                    write.put("url", url.replace("//" + shipped + "/", "//" + targets.get(shipped) + "/"));
                } else {
                    it.remove();
                }
            }
            if (writes.isEmpty()) {
                config.remove("remote_write");
            }
        }
        if (config.containsKey("rule_files")) {
            config.put("rule_files", List.of(copyRules(dir.resolve("rules")).toString() + "/*.yml"));
        }
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
        for (Iterator<Map<String, Object>> it = jobs.iterator(); it.hasNext(); ) {
            Map<String, Object> job = it.next();
            job.put("scrape_interval", interval);
            boolean running = true;
            for (Map<String, Object> group : (List<Map<String, Object>>) job.get("static_configs")) {
                List<String> mapped = new ArrayList<>();
                for (String target : (List<String>) group.get("targets")) {
                    running &= targets.containsKey(target);
                    mapped.add(targets.getOrDefault(target, target));
                }
                group.put("targets", mapped);
                // Placeholders in target labels (the node job's instance: HOOKMETER_HOST) get their test value.
                Map<String, Object> labels = (Map<String, Object>) group.get("labels");
                if (labels != null) {
                    labels.replaceAll((label, value) -> targets.getOrDefault(String.valueOf(value), String.valueOf(value)));
                }
            }
            if (!running) {
                it.remove();
            }
        }
        return config;
    }

    /** The shipped rule files, each group without its own interval, so that all run at the global interval. */
    @SuppressWarnings("unchecked")
    private static Path copyRules(Path target) {
        try (Stream<Path> files = Files.list(PROMETHEUS_DIR.resolve("rules"))) {
            Files.createDirectories(target);
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                Map<String, Object> rules = load(file);
                for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
                    group.remove("interval");
                }
                write(target.resolve(file.getFileName()), rules);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return YAML.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, Map<String, Object> content) {
        try {
            return Files.writeString(file, YAML.dump(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DumperOptions dumperOptions() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return options;
    }
}
