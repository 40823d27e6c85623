package io.hookmeter.stack.dashboards;

import io.hookmeter.harness.Launchers;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Grafana's provisioning files parse, name the stack's services, and point at the mounted dashboards. */
class ProvisioningTest {
    private static final Path ROOT = Launchers.repoRoot();

    @Test
    void everyProvisioningFileParsesAsVersion1() throws IOException {
        try (Stream<Path> files = Files.walk(Provisioning.DIR)) {
            List<Path> yaml = files.filter(f -> f.toString().matches(".*\\.ya?ml")).toList();
            assertEquals(2, yaml.size(), "one datasources file and one dashboards file: " + yaml);
            for (Path file : yaml) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    Map<String, Object> parsed = new Yaml().load(reader);
                    assertEquals(1, parsed.get("apiVersion"), file.toString());
                }
            }
        }
    }

    @Test
    void datasourcesAreTheStackServicesWithFixedUids() {
        Map<String, Map<String, Object>> byUid = Provisioning.datasources();
        assertEquals(List.of("prometheus", "prometheus-longterm", "alertmanager"), List.copyOf(byUid.keySet()));
        assertDatasource(byUid.get("prometheus"), "prometheus", "http://prometheus:9090");
        assertDatasource(byUid.get("prometheus-longterm"), "prometheus", "http://prometheus-longterm:9094");
        assertDatasource(byUid.get("alertmanager"), "alertmanager", "http://alertmanager:9093");
        assertEquals(List.of("prometheus"), byUid.entrySet().stream()
                .filter(e -> Boolean.TRUE.equals(e.getValue().get("isDefault"))).map(Map.Entry::getKey).toList(),
                "exactly one default datasource");
    }

    @Test
    void datasourceHostsAreComposeServices() throws IOException {
        Map<String, Object> services = composeServices();
        for (Map<String, Object> ds : Provisioning.datasources().values()) {
            String host = URI.create(String.valueOf(ds.get("url"))).getHost();
            assertTrue(services.containsKey(host), "no compose service named " + host + " for " + ds.get("uid"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardProviderLoadsTheFolderComposeMounts() throws IOException {
        List<Map<String, Object>> providers = Provisioning.files("dashboards").values().stream()
                .flatMap(f -> ((List<Map<String, Object>>) f.get("providers")).stream()).toList();
        assertEquals(1, providers.size());
        Map<String, Object> provider = providers.get(0);
        assertEquals("file", provider.get("type"));
        String path = String.valueOf(((Map<String, Object>) provider.get("options")).get("path"));
        assertEquals(Provisioning.CONTAINER_DASHBOARDS, path);

        Map<String, Object> grafana = (Map<String, Object>) composeServices().get("grafana");
        List<String> volumes = (List<String>) grafana.get("volumes");
        assertTrue(volumes.stream().anyMatch(v -> v.startsWith("./grafana/dashboards:" + path)),
                "compose must mount grafana/dashboards at " + path + ": " + volumes);
        assertTrue(volumes.stream().anyMatch(v -> v.startsWith("./grafana/provisioning:/etc/grafana/provisioning")),
                "compose must mount grafana/provisioning: " + volumes);
        try (Stream<Path> dashboards = Files.list(ROOT.resolve("grafana/dashboards"))) {
            assertFalse(dashboards.filter(f -> f.toString().endsWith(".json")).toList().isEmpty());
        }
        assertTrue(Files.readString(ROOT.resolve("docs/dashboards.md")).contains(path),
                "docs/dashboards.md tells where the dashboards are mounted");
    }

    private static void assertDatasource(Map<String, Object> ds, String type, String url) {
        assertEquals(type, ds.get("type"), String.valueOf(ds));
        assertEquals(url, ds.get("url"), String.valueOf(ds));
        assertEquals("proxy", ds.get("access"), String.valueOf(ds));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> composeServices() throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            return (Map<String, Object>) compose.get("services");
        }
    }
}
