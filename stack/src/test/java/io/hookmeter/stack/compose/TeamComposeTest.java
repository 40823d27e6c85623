package io.hookmeter.stack.compose;

import io.hookmeter.harness.Binaries;
import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import io.hookmeter.stack.rules.ShippedStack;
import io.hookmeter.stack.team.TeamStore;
import io.hookmeter.stack.compose.ComposeEntries.Mount;
import io.hookmeter.stack.compose.ComposeEntries.Port;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** deploy/team/docker-compose.yml, validated and resolved by the real docker-compose with its own defaults. */
class TeamComposeTest {
    static final Path TEAM = ROOT.resolve("deploy/team");
    static final Path COMPOSE_FILE = TEAM.resolve("docker-compose.yml");
    private static final Set<String> SINGLE = Set.of("victoria-metrics", "vmalert");
    private static final Set<String> CLUSTER = Set.of("vmstorage", "vminsert", "vmselect", "vmalert-cluster");
    private static final Set<String> ALWAYS = Set.of("alertmanager", "alert-sink");
    /** The release the ITs run (Debian's victoria-metrics package): the images are pinned to the same one. */
    private static final String VERSION = "v1.79.5";

    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    static void resolve() throws IOException {
        CommandResult result = compose("config");
        assertEquals(0, result.exitCode(), result.toString());
        assertFalse(result.err().contains("WARN"), result.err());
        services = ResolvedCompose.services(new Yaml().load(result.out()));
    }

    @Test
    void eachProfileBringsUpItsStoreAndItsVmalertBesideTheSharedAlertmanager() {
        assertEquals(union(SINGLE, CLUSTER, ALWAYS), new TreeSet<>(services.keySet()));
        services.forEach((name, service) -> {
            List<String> profiles = ComposeEntries.strings(service.get("profiles"));
            if (ALWAYS.contains(name)) {
                assertEquals(List.of(), profiles, name);
            } else {
                assertEquals(List.of(SINGLE.contains(name) ? "single" : "cluster"), profiles, name);
            }
        });
    }

    @Test
    void victoriaMetricsImagesArePinnedToTheTestedRelease() {
        int pinned = 0;
        for (var entry : services.entrySet()) {
            String image = (String) entry.getValue().get("image");
            if (image.startsWith("victoriametrics/")) {
                String tag = image.substring(image.indexOf(':') + 1);
                assertEquals(CLUSTER.contains(entry.getKey()) && !entry.getKey().startsWith("vmalert")
                        ? VERSION + "-cluster" : VERSION, tag, entry.getKey());
                pinned++;
            }
        }
        assertEquals(6, pinned);
    }

    @Test
    void everyFlagIsOneThePinnedImageHas() {
        for (var entry : services.entrySet()) {
            String image = (String) entry.getValue().get("image");
            if (!image.startsWith("victoriametrics/")) {
                continue;  // the shared Alertmanager's flags are checked with the main compose file
            }
            Set<String> known = ImageFlagsTest.flagsOf(image);
            for (String arg : ComposeEntries.strings(entry.getValue().get("command"))) {
                assertTrue(arg.startsWith("-") && !arg.startsWith("--"), entry.getKey() + ": " + arg);
                String name = arg.substring(1).split("=", 2)[0];
                assertTrue(known.contains(name), entry.getKey() + ": " + image + " has no flag -" + name);
            }
        }
        assertFalse(ImageFlagsTest.flagsOf("victoriametrics/vmstorage:v1.79.5-cluster").contains("made.up"));
    }

    @Test
    void storesKeepTheirDataOnVolumesForTheConfiguredRetention() {
        for (String name : List.of("victoria-metrics", "vmstorage")) {
            Map<String, Object> service = services.get(name);
            assertEquals("1y", flag(service, "retentionPeriod"), name);
            String path = flag(service, "storageDataPath");
            Mount data = ComposeEntries.mounts(service).stream().filter(m -> m.target().equals(path)).findFirst()
                    .orElseThrow(() -> new AssertionError(name + ": nothing mounted at " + path));
            assertFalse(data.isBind(), name + " keeps its data on a named volume: " + data);
        }
    }

    @Test
    void publishedPortsListenOnLoopbackByDefault() {
        Map<String, String> expected = Map.of("victoria-metrics", "8428", "vminsert", "8480", "vmselect", "8481",
                "vmalert", "8880", "vmalert-cluster", "8880", "alertmanager", "9093");
        Map<String, String> published = new HashMap<>();
        services.forEach((name, service) -> {
            for (Port port : ComposeEntries.ports(service)) {
                assertEquals("127.0.0.1", port.hostIp(), name + " publishes " + port);
                published.put(name, port.target());
            }
        });
        assertEquals(expected, published);
    }

    @Test
    void vmalertEvaluatesTheShippedRuleFilesAndNotifiesTheSharedAlertmanager() {
        for (String name : List.of("vmalert", "vmalert-cluster")) {
            Map<String, Object> service = services.get(name);
            Mount rules = ComposeEntries.mounts(service).stream()
                    .filter(m -> flag(service, "rule").startsWith(m.target() + "/")).findFirst()
                    .orElseThrow(() -> new AssertionError(name + ": the -rule glob is not mounted"));
            assertEquals(ROOT.resolve("prometheus/rules"), Path.of(rules.source()).normalize(), name);
            assertTrue(rules.readOnly(), name);
            assertEquals("/etc/hookmeter/rules/*.yml", flag(service, "rule"));
            assertEquals("http://alertmanager:9093", flag(service, "notifier.url"), name);
            // The rules' runbook links: by default the same base as the single-machine Prometheus.
            assertEquals("runbooks_url=" + ShippedStack.runbooksUrl(), flag(service, "external.label"), name);
        }
    }

    @Test
    void clusterUrlsAreTheSingleNodePathsBelowTheTenantPrefixes() {
        // The ITs run single-node VictoriaMetrics at http://HOST:8428 + TeamStore paths; the cluster serves the
        // same paths below these prefixes, and vmalert and the forwarder use them that way.
        Map<String, Object> single = services.get("vmalert");
        assertEquals("http://victoria-metrics:8428", flag(single, "datasource.url"));
        assertEquals("http://victoria-metrics:8428", flag(single, "remoteWrite.url"));
        Map<String, Object> cluster = services.get("vmalert-cluster");
        assertEquals("http://vmselect:8481" + TeamStore.CLUSTER_SELECT_PREFIX, flag(cluster, "datasource.url"));
        assertEquals("http://vmselect:8481" + TeamStore.CLUSTER_SELECT_PREFIX, flag(cluster, "remoteRead.url"));
        assertEquals("http://vminsert:8480" + TeamStore.CLUSTER_INSERT_PREFIX, flag(cluster, "remoteWrite.url"));
        assertEquals("vmstorage:8400", flag(services.get("vminsert"), "storageNode"));
        assertEquals("vmstorage:8401", flag(services.get("vmselect"), "storageNode"));

        String forwarder = run(List.of(TEAM.resolve("forwarder").toString(), "--dry-run",
                "http://team.example:8480" + TeamStore.CLUSTER_INSERT_PREFIX + "/")).out();
        assertTrue(forwarder.contains(" -remoteWrite.url=http://team.example:8480" + TeamStore.CLUSTER_INSERT_PREFIX
                + TeamStore.WRITE + " "), forwarder);
    }

    private static String flag(Map<String, Object> service, String name) {
        return ComposeEntries.strings(service.get("command")).stream().filter(a -> a.startsWith("-" + name + "="))
                .map(a -> a.substring(name.length() + 2)).findFirst()
                .orElseThrow(() -> new AssertionError("no -" + name + " in " + service.get("command")));
    }

    /**
     * {@code docker-compose -f deploy/team/docker-compose.yml ARGS} with every variable it (and the file it extends)
     * uses set empty, so each takes its default and the developer's environment cannot leak in.
     */
    private static CommandResult compose(String... args) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (Path file : List.of(COMPOSE_FILE, ResolvedCompose.COMPOSE_FILE)) {
            Matcher variable = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)").matcher(Files.readString(file));
            while (variable.find()) {
                env.put(variable.group(1), "");
            }
        }
        List<String> command = new ArrayList<>(List.of(Binaries.require(List.of("docker-compose")).toString(),
                "--project-directory", TEAM.toString(), "-f", COMPOSE_FILE.toString()));
        command.addAll(List.of(args));
        return Commands.run(command, null, env, TEAM, Duration.ofMinutes(1));
    }

    private static CommandResult run(List<String> command) {
        CommandResult result = Commands.run(command, null, Map.of(), TEAM, Duration.ofSeconds(30));
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return all;
    }
}
