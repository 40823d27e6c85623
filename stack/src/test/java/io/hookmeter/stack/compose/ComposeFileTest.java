package io.hookmeter.stack.compose;

import io.hookmeter.harness.CommandResult;
import io.hookmeter.stack.compose.ComposeEntries.Mount;
import io.hookmeter.stack.compose.ComposeEntries.Port;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
            "HOOKMETER_CONFIG_MOUNT_OPTIONS", "ro,z", "HOOKMETER_ROOTFS_PROPAGATION", "rslave");
    /** Propagations Docker refuses for a source that is not a shared (or slave) mount: Docker Desktop's, WSL2's / */
    private static final Set<String> NEEDS_A_SHARED_SOURCE = Set.of("shared", "rshared", "slave", "rslave");
    /** The macOS/Windows choice, used as shipped (copied to docker-compose.override.yml, or given with -f). */
    static final Path NATIVE_EXPORTER = ROOT.resolve("compose.native-exporter.yml");

    private static Map<String, Map<String, Object>> services;
    private static Map<String, Map<String, Object>> freshClone;
    private static Map<String, Map<String, Object>> custom;
    private static Map<String, Map<String, Object>> nativeExporter;

    @BeforeAll
    static void resolve() {
        services = ResolvedCompose.services(ResolvedCompose.load(Map.of()));
        freshClone = ResolvedCompose.services(ResolvedCompose.loadFreshClone());
        custom = ResolvedCompose.services(ResolvedCompose.load(CUSTOM));
        nativeExporter = ResolvedCompose.services(ResolvedCompose.load(Map.of(), List.of(NATIVE_EXPORTER)));
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
    void theComposeFilesDefaultsAreTheExampleSettings() throws IOException {
        // A fresh clone (no .env) runs on the compose file's defaults, a copied .env.example on its values: the same.
        Matcher variable = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*):-([^}]*)}").matcher(
                Files.readString(ResolvedCompose.COMPOSE_FILE));
        Map<String, String> example = ExampleEnv.read(ResolvedCompose.ENV_EXAMPLE);
        int defaults = 0;
        while (variable.find()) {
            assertEquals(example.get(variable.group(1)), variable.group(2), variable.group(1));
            defaults++;
        }
        assertTrue(defaults > 20, "every knob has a default: " + defaults);
        assertEquals(services.keySet(), freshClone.keySet());
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
    void theExporterReadsTheHostAndRunsByDefault() {
        Map<String, Object> exporter = services.get("exporter");
        assertEquals("host", exporter.get("pid"));
        assertEquals("/host/proc", flag(exporter, "--path.procfs"));
        assertEquals("/host/sys", flag(exporter, "--path.sysfs"));
        assertEquals("/rootfs", flag(exporter, "--path.rootfs"));
        assertFalse(exporter.containsKey("profiles"), "a plain `docker compose up -d` starts it (Linux)");
        assertFalse(exporter.containsKey("deploy"), "no replica count that would need a .env edit");
    }

    @Test
    void noMountUsesAPropagationThatDockerDesktopOrAPrivateRootRefuses() {
        // "path / is mounted on / but it is not a shared or slave mount": Docker Desktop, WSL2, some NAS and LXC
        // hosts. The default must start everywhere; rslave is the Linux opt-in.
        for (var resolved : List.of(services, freshClone)) {
            resolved.forEach((name, service) -> ComposeEntries.mounts(service).forEach(mount -> assertFalse(
                    NEEDS_A_SHARED_SOURCE.contains(mount.propagation()), name + " mounts " + mount)));
        }
        Mount root = ComposeEntries.mounts(freshClone.get("exporter")).stream().filter(m -> m.source().equals("/"))
                .findFirst().orElseThrow();
        assertEquals("rprivate", root.propagation(), "Docker's default, spelled out");
        Mount opted = ComposeEntries.mounts(custom.get("exporter")).stream().filter(m -> m.source().equals("/"))
                .findFirst().orElseThrow();
        assertEquals("rslave", opted.propagation(), "HOOKMETER_ROOTFS_PROPAGATION=rslave on a Linux host");
        assertTrue(opted.readOnly(), opted.toString());
    }

    @Test
    void selinuxRelabellingIsOptInAndNeverTouchesTheHostsSystemFolders() {
        for (var resolved : List.of(services, freshClone)) {
            resolved.forEach((name, service) -> ComposeEntries.mounts(service).forEach(mount -> assertEquals("",
                    mount.selinux(), name + ": Docker Desktop refuses z (lsetxattr: not supported): " + mount)));
        }
        int relabelled = 0;
        for (var entry : custom.entrySet()) {
            for (Mount mount : ComposeEntries.mounts(entry.getValue())) {
                if (!mount.isBind()) {
                    continue;
                }
                boolean inRepository = Path.of(mount.source()).normalize().startsWith(ROOT);
                assertEquals(inRepository ? "z" : "", mount.selinux(), entry.getKey() + " " + mount);
                assertTrue(mount.readOnly(), entry.getKey() + " " + mount);
                relabelled += inRepository ? 1 : 0;
            }
        }
        assertEquals(6, relabelled, "HOOKMETER_CONFIG_MOUNT_OPTIONS=ro,z relabels every repository folder");
    }

    @Test
    void theNativeExporterFileSwitchesTheContainerOffAndPointsPrometheusAtTheHost() {
        assertEquals(List.of("container-exporter"), nativeExporter.get("exporter").get("profiles"),
                "a profile nobody enables: `docker compose up -d` no longer starts it, port 9101 stays free");
        assertEquals(Set.of("exporter:host-gateway", "host.docker.internal:host-gateway"),
                ComposeEntries.extraHosts(nativeExporter.get("prometheus")),
                "Prometheus's exporter:9101 target reaches the natively running exporter");
        assertEquals(Set.of("host.docker.internal:host-gateway"),
                ComposeEntries.extraHosts(services.get("prometheus")), "without it: the exporter container");
        for (String name : services.keySet()) {
            if (!name.equals("exporter") && !name.equals("prometheus")) {
                // docker-compose 1.x drops pull_policy when it merges two files (Compose v2 keeps it).
                Map<String, Object> merged = new HashMap<>(nativeExporter.get(name));
                Map<String, Object> alone = new HashMap<>(services.get(name));
                merged.remove("pull_policy");
                alone.remove("pull_policy");
                // ... and lists the merged volumes in another order.
                merged.computeIfPresent("volumes", (key, volumes) -> new TreeSet<>(ComposeEntries.strings(volumes)));
                alone.computeIfPresent("volumes", (key, volumes) -> new TreeSet<>(ComposeEntries.strings(volumes)));
                assertEquals(alone, merged, name + " is unchanged");
            }
        }
        CommandResult profiles = ResolvedCompose.run(Map.of("GF_ADMIN_PASSWORD", ResolvedCompose.TEST_PASSWORD),
                List.of(NATIVE_EXPORTER), "--profiles");
        assertEquals(0, profiles.exitCode(), profiles.toString());
        assertEquals("container-exporter", profiles.out().strip(), "the only profile there is");
    }

    @Test
    void alertmanagerRunsTheTestedEntrypointFromItsMountedFolder() {
        Map<String, Object> alertmanager = services.get("alertmanager");
        List<String> entrypoint = ComposeEntries.strings(alertmanager.get("entrypoint"));
        assertEquals(List.of("/bin/sh", "/etc/alertmanager/entrypoint.sh", "/bin/alertmanager"), entrypoint,
                "busybox sh runs the script, which execs the image's own binary");
        Mount folder = mounts("alertmanager").stream().filter(m -> m.target().equals("/etc/alertmanager"))
                .findFirst().orElseThrow();
        assertEquals(AlertmanagerEntrypointTest.SCRIPT, Path.of(folder.source()).resolve("entrypoint.sh").normalize(),
                "the tested script");
        assertEquals("/alertmanager/config/alertmanager.yml", flag(alertmanager, "--config.file"),
                "the copy the entrypoint makes (its default HOOKMETER_ALERTMANAGER_COPY)");
        Mount data = mounts("alertmanager").stream().filter(m -> m.target().equals("/alertmanager")).findFirst()
                .orElseThrow();
        assertFalse(data.isBind(), "the copy lives on the alertmanager-data volume, owned by the image's user");
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
        assertTrue(ComposeEntries.strings(longterm.get("command")).contains("--web.enable-remote-write-receiver"),
                "the main Prometheus remote-writes the aggregates to it");
        // Compose stops a service before those it depends on: the main Prometheus, which writes to it, goes first.
        Object dependsOn = services.get("prometheus").get("depends_on");
        assertTrue(dependsOn instanceof Map<?, ?> map ? map.containsKey("prometheus-longterm")
                : dependsOn instanceof List<?> list && list.contains("prometheus-longterm"), String.valueOf(dependsOn));
        assertEquals("", flag(services.get("alertmanager"), "--cluster.listen-address"), "no gossip cluster");
    }

    private static List<Mount> mounts(String service) {
        return ComposeEntries.mounts(services.get(service));
    }

    /** The value of {@code --name=value} in the service's command. */
    private static String flag(Map<String, Object> service, String name) {
        return ComposeEntries.strings(service.get("command")).stream()
                .filter(arg -> arg.startsWith(name + "="))
                .map(arg -> arg.substring(name.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + service.get("command")));
    }
}
