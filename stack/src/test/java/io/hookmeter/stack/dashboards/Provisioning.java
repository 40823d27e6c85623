package io.hookmeter.stack.dashboards;

import io.hookmeter.harness.Launchers;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Grafana's provisioning files in {@code grafana/provisioning/}. */
final class Provisioning {
    static final Path DIR = Launchers.repoRoot().resolve("grafana/provisioning");
    /** Where the compose file mounts {@code grafana/dashboards/} inside the Grafana container. */
    static final String CONTAINER_DASHBOARDS = "/var/lib/grafana/dashboards";

    private Provisioning() {
    }

    /** Every YAML file of one provisioning kind ("datasources", "dashboards"), parsed. */
    static Map<Path, Map<String, Object>> files(String kind) {
        Map<Path, Map<String, Object>> parsed = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(DIR.resolve(kind))) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml")).sorted().toList()) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    parsed.put(file, new Yaml().load(reader));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parsed;
    }

    /** The provisioned datasources by uid, each as its YAML map. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> datasources() {
        Map<String, Map<String, Object>> byUid = new LinkedHashMap<>();
        for (Map<String, Object> file : files("datasources").values()) {
            for (Map<String, Object> ds : (List<Map<String, Object>>) file.getOrDefault("datasources", List.of())) {
                byUid.put(String.valueOf(ds.get("uid")), ds);
            }
        }
        return byUid;
    }

    /** The datasource types by uid. */
    static Map<String, String> datasourceTypes() {
        Map<String, String> types = new LinkedHashMap<>();
        datasources().forEach((uid, ds) -> types.put(uid, String.valueOf(ds.get("type"))));
        return types;
    }
}
