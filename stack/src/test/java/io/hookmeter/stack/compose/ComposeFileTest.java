package io.hookmeter.stack.compose;

import io.hookmeter.harness.CommandResult;
import io.hookmeter.stack.compose.ComposeEntries.Mount;
import io.hookmeter.stack.compose.ComposeEntries.Port;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.hookmeter.stack.compose.ResolvedCompose.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker-compose.yml, validated and resolved by the real docker-compose with the values of .env.example. */
class ComposeFileTest {
    private static final Set<String> BUNDLE = Set.of("prometheus", "prometheus-longterm", "pushgateway",
            "alertmanager", "grafana", "exporter", "alert-sink");
    /** The deployment contract: each service listens on its canonical port inside its container. */
    private static final Map<String, String> CANONICAL_PORTS = Map.of("prometheus", "9090",
            "prometheus-longterm", "9094", "pushgateway", "9091", "alertmanager", "9093", "grafana", "3000",
            "exporter", "9101", "alert-sink", "9095");
    /** The only host paths outside the repository that may be mounted: the exporter's read-only view of the host. */
    private static final Map<String, String> HOST_MOUNTS = Map.of("/proc", "/host/proc", "/sys", "/host/sys",
            "/", "/rootfs");
    /** Where compose mounts grafana/entrypoint.sh. */
    private static final String GRAFANA_ENTRYPOINT = "/hookmeter/entrypoint.sh";

    /** Every knob the tests turn, in one resolution (docker-compose takes a second or two per run). */
    private static final Map<String, String> CUSTOM = Map.of("HOOKMETER_BIND", "0.0.0.0",
            "HOOKMETER_PORT_GRAFANA", "3300", "HOOKMETER_RETENTION", "7d", "HOOKMETER_LONGTERM_RETENTION", "2y",
            "HOOKMETER_EXPORTER_REPLICAS", "0", "HOOKMETER_NATIVE_EXPORTER_NAME", "exporter");

    private static Map<String, Map<String, Object>> services;
    private static Map<String, Map<String, Object>> custom;

    @BeforeAll
    static void resolve() {
        services = ResolvedCompose.services(ResolvedCompose.load(Map.of()));
        custom = ResolvedCompose.services(ResolvedCompose.load(CUSTOM));
    }

    @Test
    void validatesQuietlyWithTheExampleSettings() {
        CommandResult result = ResolvedCompose.run(Map.of("GF_ADMIN_PASSWORD", ResolvedCompose.TEST_PASSWORD), "-q");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("", result.out(), result.toString());
        assertFalse(result.err().contains("WARN"), "a variable without a value or default:\n" + result.err());
    }

    @Test
    void everyVariableTheComposeFileUsesIsInTheExampleSettings() throws IOException {
        Matcher variable = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)").matcher(
                Files.readString(ResolvedCompose.COMPOSE_FILE));
        Set<String> used = new TreeSet<>();
        while (variable.find()) {
            used.add(variable.group(1));
        }
        assertFalse(used.isEmpty());
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(ExampleEnv.read(ResolvedCompose.ENV_EXAMPLE).keySet());
        assertEquals(Set.of(), missing, ".env.example must list every knob of docker-compose.yml");
    }

    @Test
    void validatesWithoutAGrafanaAdminPasswordAndLeavesItToTheEntrypoint() {
        assertEquals("", ExampleEnv.read(ResolvedCompose.ENV_EXAMPLE).get("GF_ADMIN_PASSWORD"),
                ".env.example must not ship a password");
        // A fresh clone: no .env, nothing in the environment. `docker compose up -d` must start.
        CommandResult result = ResolvedCompose.run(Map.of("GF_ADMIN_PASSWORD", ""), "-q");
        assertEquals(0, result.exitCode(), result.toString());
        assertFalse(result.err().contains("WARN"), result.err());

        Map<String, Object> grafana = ResolvedCompose.services(
                ResolvedCompose.load(Map.of("GF_ADMIN_PASSWORD", ""))).get("grafana");
        assertEquals("", ((Map<?, ?>) grafana.get("environment")).get("GF_SECURITY_ADMIN_PASSWORD"),
                "no fixed default: an empty password reaches the entrypoint, which generates one");
        List<String> entrypoint = ComposeEntries.strings(grafana.get("entrypoint"));
        assertEquals(List.of("/bin/sh", GRAFANA_ENTRYPOINT, "/run.sh"), entrypoint,
                "the wrapper, then the image's own entrypoint");
        Mount wrapper = ComposeEntries.mounts(grafana).stream().filter(m -> m.target().equals(GRAFANA_ENTRYPOINT))
                .findFirst().orElseThrow(() -> new AssertionError("nothing mounted at " + GRAFANA_ENTRYPOINT));
        assertEquals(GrafanaEntrypointTest.SCRIPT, Path.of(wrapper.source()).normalize(), "the tested script");
        assertTrue(wrapper.readOnly(), wrapper.toString());
        Mount data = ComposeEntries.mounts(grafana).stream()
                .filter(m -> m.target().equals("/var/lib/grafana")).findFirst().orElseThrow();
        assertFalse(data.isBind(), "the generated password lives on the grafana-data volume: " + data);
        assertEquals("docker compose exec grafana cat /var/lib/grafana/admin-password",
                ((Map<?, ?>) grafana.get("environment")).get("HOOKMETER_PASSWORD_READ_COMMAND"));
    }

    @Test
    void bundlesEveryService() {
        assertEquals(new TreeSet<>(BUNDLE), new TreeSet<>(services.keySet()));
    }

    @Test
    void everyImageIsPinnedToAVersion() {
        services.forEach((name, service) -> {
            String image = (String) service.get("image");
            assertNotNull(image, name + " has no image name");
            String afterRegistry = image.substring(image.lastIndexOf('/') + 1);
            assertTrue(afterRegistry.contains(":"), name + ": " + image + " has no tag");
            String tag = afterRegistry.substring(afterRegistry.indexOf(':') + 1);
            assertTrue(tag.matches("v?\\d+(\\.\\d+)+"), name + ": " + image + " is not pinned to a version");
            if (service.containsKey("build")) {
                assertFalse(image.contains("/"), name + ": a built image keeps a local name, never a registry's");
                assertEquals("build", service.get("pull_policy"), name + " must be built, never pulled");
            }
        });
    }

    @Test
    void thePushgatewayIsAtLeast151AndKeepsItsPushesOnAVolume() {
        Map<String, Object> pushgateway = services.get("pushgateway");
        String tag = ((String) pushgateway.get("image")).replaceFirst(".*:v?", "");
        int[] version = List.of(tag.split("\\.")).stream().mapToInt(Integer::parseInt).toArray();
        assertTrue(version[0] > 1 || version[0] == 1 && (version[1] > 5 || version[1] == 5 && version[2] >= 1),
                "CVE-2022-46146 is fixed in 1.5.1: " + tag);
        String file = flag(pushgateway, "--persistence.file");
        Mount volume = mounts("pushgateway").stream().filter(m -> file.startsWith(m.target() + "/")).findFirst()
                .orElseThrow(() -> new AssertionError("no volume holds " + file));
        assertFalse(volume.isBind(), "the persistence file lives on a named volume: " + volume);
    }

    @Test
    void publishedPortsListenOnLoopbackByDefault() {
        int published = 0;
        for (String name : services.keySet()) {
            for (Port port : ComposeEntries.ports(services.get(name))) {
                assertEquals("127.0.0.1", port.hostIp(), name + " publishes " + port);
                assertEquals(CANONICAL_PORTS.get(name), port.target(), name + " listens on its contract port");
                published++;
            }
        }
        assertEquals(6, published, "every service but the alert sink is published");
    }

    @Test
    void hookmeterBindExposesThePortsWhenAsked() {
        custom.forEach((name, service) -> ComposeEntries.ports(service)
                .forEach(port -> assertEquals("0.0.0.0", port.hostIp(), name + " " + port)));
        assertEquals("3300", ComposeEntries.ports(custom.get("grafana")).get(0).published());
    }

    @Test
    void everyBindMountedPathExistsInTheRepository() {
        int inRepository = 0;
        for (String name : services.keySet()) {
            for (Mount mount : mounts(name)) {
                if (!mount.isBind()) {
                    continue;
                }
                Path source = Path.of(mount.source()).normalize();
                if (source.startsWith(ROOT)) {
                    assertTrue(Files.exists(source), name + " mounts " + source + ", which is not in the repository");
                    assertTrue(mount.readOnly(), name + " must mount " + source + " read-only");
                    inRepository++;
                } else {
                    assertEquals("exporter", name, name + " mounts a host path: " + mount);
                    assertEquals(HOST_MOUNTS.get(mount.source()), mount.target(), mount.toString());
                    assertTrue(mount.readOnly(), "the host is mounted read-only: " + mount);
                }
            }
        }
        assertEquals(6, inRepository, "prometheus x2, alertmanager, grafana entrypoint, provisioning and dashboards");
    }

    @Test
    void theBuiltImagesHaveTheirDockerfiles() {
        services.forEach((name, service) -> {
            if (service.get("build") instanceof Map<?, ?> build) {
                Path context = Path.of(String.valueOf(build.get("context")));
                Path dockerfile = context.resolve(String.valueOf(build.get("dockerfile")));
                assertTrue(Files.isRegularFile(dockerfile), name + ": " + dockerfile + " is missing");
            }
        });
    }

    @Test
    void theBuildContextLeavesSecretsAndBuildOutputOut() throws IOException {
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore"));
        assertTrue(ignored.containsAll(List.of(".env", ".git", "var/", "**/target/", "**/target-*/")), ignored.toString());
    }

    @Test
    void everyServiceRestartsAndChecksItsHealth() {
        services.forEach((name, service) -> {
            assertEquals("unless-stopped", service.get("restart"), name);
            Object healthcheck = service.get("healthcheck");
            assertTrue(healthcheck instanceof Map<?, ?> map && map.get("test") != null, name + " has no healthcheck");
        });
    }

    @Test
    void grafanaTakesThePasswordFromTheEnvironmentAndHasNoAnonymousAccessAndNoSignUp() {
        Map<?, ?> env = (Map<?, ?>) services.get("grafana").get("environment");
        assertEquals(ResolvedCompose.TEST_PASSWORD, env.get("GF_SECURITY_ADMIN_PASSWORD"));
        assertEquals("false", env.get("GF_AUTH_ANONYMOUS_ENABLED"));
        assertEquals("false", env.get("GF_USERS_ALLOW_SIGN_UP"));
    }

    @Test
    void theExporterReadsTheHostAndCanBeSwitchedOff() {
        Map<String, Object> exporter = services.get("exporter");
        assertEquals("host", exporter.get("pid"));
        assertEquals("/host/proc", flag(exporter, "--path.procfs"));
        assertEquals("/host/sys", flag(exporter, "--path.sysfs"));
        assertEquals("/rootfs", flag(exporter, "--path.rootfs"));
        assertEquals(1, replicas(exporter));
        assertEquals(0, replicas(custom.get("exporter")));
        assertEquals(List.of("exporter:host-gateway"), custom.get("prometheus").get("extra_hosts"),
                "Prometheus's exporter:9101 target then reaches the natively running exporter");
    }

    @Test
    void retentionComesFromTheSettings() {
        assertEquals("30d", flag(services.get("prometheus"), "--storage.tsdb.retention.time"));
        assertEquals("5y", flag(services.get("prometheus-longterm"), "--storage.tsdb.retention.time"));
        assertEquals("7d", flag(custom.get("prometheus"), "--storage.tsdb.retention.time"));
        assertEquals("2y", flag(custom.get("prometheus-longterm"), "--storage.tsdb.retention.time"));
    }

    @Test
    void serversRunWithTheContractFlags() {
        Map<String, Object> longterm = services.get("prometheus-longterm");
        assertEquals("/etc/prometheus/prometheus-longterm.yml", flag(longterm, "--config.file"));
        assertEquals(":9094", flag(longterm, "--web.listen-address"));
        assertEquals("1h", flag(longterm, "--query.lookback-delta"), "its samples are hourly");
        assertEquals("", flag(services.get("alertmanager"), "--cluster.listen-address"), "no gossip cluster");
    }

    private static List<Mount> mounts(String service) {
        return ComposeEntries.mounts(services.get(service));
    }

    private static int replicas(Map<String, Object> service) {
        return ((Number) ((Map<?, ?>) service.get("deploy")).get("replicas")).intValue();
    }

    /** The value of {@code --name=value} in the service's command. */
    private static String flag(Map<String, Object> service, String name) {
        return ComposeEntries.strings(service.get("command")).stream()
                .filter(arg -> arg.startsWith(name + "="))
                .map(arg -> arg.substring(name.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + service.get("command")));
    }
}
