package io.hookmeter.stack.compose;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookmeter.harness.Agents;
import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import io.hookmeter.harness.Http;
import io.hookmeter.harness.Launchers;
import io.hookmeter.harness.PrometheusApi;
import io.hookmeter.harness.Servers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * scripts/stack brings the bundle up from the shipped configs (prometheus/, alertmanager/, grafana/) with the real
 * binaries on free ports, every scrape target of both Prometheus servers is up, `down` leaves nothing behind, and the
 * Pushgateway's persistence file keeps the last pushes across a restart.
 * One stack for the whole class; the tests run in order and the last one stops it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NoDockerStackIT {
    /** The shipped scrape interval is 15 s; the first scrape of each target comes within one interval. */
    private static final Duration TARGETS_UP = Duration.ofSeconds(90);
    /** A compose service address (service:port) that the script should have rewritten. */
    private static final Pattern COMPOSE_ADDRESS = Pattern.compile("(?<![\\w.-])(" + String.join("|",
            StackScript.SERVICES) + "):\\d+");
    /** Grafana cannot be installed on our machines: the test runs the other six. */
    private static final String SERVICES = "pushgateway alert-sink alertmanager exporter prometheus-longterm prometheus";

    /** HOOKMETER_RUNBOOKS_URL: the base of the alerts' runbook links. */
    private static final String RUNBOOKS = "https://wiki.example/hookmeter/runbooks.md";

    private static Path stateDir;
    private static StackScript stack;
    private static CommandResult up;

    @BeforeAll
    static void up() throws IOException {
        stateDir = Files.createTempDirectory("hookmeter-stack-it-").toRealPath();
        stack = new StackScript(stateDir).with("HOOKMETER_STACK_SERVICES", SERVICES).with("HOOKMETER_INSTANCE", "")
                .with("ALERTMANAGER_NTFY_TOKEN", "tk_only_for_the_test").with("HOOKMETER_RUNBOOKS_URL", RUNBOOKS);
        up = stack.up();
    }

    @AfterAll
    static void downAnyway() throws IOException {
        if (stack != null && !stack.pids().isEmpty()) {
            System.err.println(stack.down());
        }
        if (stateDir != null && !Boolean.getBoolean("hookmeter.keepTemp")) {
            try (var walk = Files.walk(stateDir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void upStartsEveryServiceThatCanRunHere() {
        assertEquals(0, up.exitCode(), up + logs());
        for (String service : List.of("pushgateway", "alertmanager", "exporter", "prometheus", "prometheus-longterm",
                "alert-sink")) {
            assertTrue(up.out().contains(stack.url(service)), service + " missing from\n" + up.out());
        }
        CommandResult status = stack.status();
        assertEquals(0, status.exitCode(), status.toString());
        assertEquals(6, status.out().lines().filter(line -> line.endsWith(" ready")).count(), status.out());
    }

    @Test
    @Order(2)
    void theShippedConfigsAreRunWithLocalAddresses() throws IOException {
        String prometheus = Files.readString(stateDir.resolve("config/prometheus/prometheus.yml"));
        assertTrue(prometheus.contains("127.0.0.1:" + stack.port("exporter")), prometheus);
        assertTrue(prometheus.contains("\n    runbooks_url: " + RUNBOOKS + "\n"), prometheus);
        assertTrue(prometheus.contains("url: " + stack.url("prometheus-longterm") + "/api/v1/write"),
                "the aggregates are remote-written to the long-term server: " + prometheus);
        String alertmanager = Files.readString(stateDir.resolve("config/alertmanager/alertmanager.yml"));
        assertTrue(alertmanager.contains("127.0.0.1:" + stack.port("alert-sink")), alertmanager);
        String datasources = Files.readString(stateDir.resolve("config/grafana/provisioning/datasources/hookmeter.yml"));
        assertTrue(datasources.contains("http://127.0.0.1:" + stack.port("prometheus-longterm")), datasources);
        String dashboards = Files.readString(stateDir.resolve("config/grafana/provisioning/dashboards/hookmeter.yml"));
        assertTrue(dashboards.contains("path: " + stateDir.resolve("config/grafana/dashboards")),
                "the dashboards folder is the copy, not the container path: " + dashboards);
        Path token = stateDir.resolve("config/alertmanager/secrets/ntfy_token");
        assertEquals("tk_only_for_the_test", Files.readString(token), "a notification secret becomes its file");
        assertTrue(alertmanager.contains("credentials_file: '" + token + "'"), "alertmanager.yml reads that file: "
                + alertmanager);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(token)));
        try (var files = Files.walk(stateDir.resolve("config"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                Matcher composeAddress = COMPOSE_ADDRESS.matcher(Files.readString(file));
                if (composeAddress.find()) {
                    fail(file + " still addresses " + composeAddress.group() + " by its compose name");
                }
            }
        }
    }

    @Test
    @Order(3)
    void everyScrapeTargetOfBothPrometheusServersIsUp() {
        Set<String> jobs = awaitAllTargetsUp(stack.url("prometheus"));
        assertTrue(jobs.containsAll(Set.of("node", "pushgateway", "prometheus", "alertmanager")), jobs.toString());
        awaitAllTargetsUp(stack.url("prometheus-longterm"));
        // Its remote-write receiver is on: an empty body is a bad request (400), not the switched-off receiver's 404.
        int write = Http.send("POST", stack.url("prometheus-longterm") + "/api/v1/write", "", "application/x-protobuf")
                .statusCode();
        assertEquals(400, write, "POST /api/v1/write on the long-term server");

        JsonNode alertmanagers = new PrometheusApi(stack.url("prometheus")).api("alertmanagers").get("activeAlertmanagers");
        assertEquals(1, alertmanagers.size(), alertmanagers.toString());
        assertTrue(alertmanagers.get(0).get("url").asText().startsWith(stack.url("alertmanager")), alertmanagers.toString());

        // The Watchdog fires at the first evaluation; its runbook link has the base HOOKMETER_RUNBOOKS_URL set.
        assertEquals(RUNBOOKS + "#watchdog", awaitWatchdog().at("/annotations/runbook_url").asText());
    }

    private static JsonNode awaitWatchdog() {
        long deadline = System.nanoTime() + TARGETS_UP.toNanos();
        JsonNode alerts = null;
        while (System.nanoTime() < deadline) {
            alerts = new PrometheusApi(stack.url("prometheus")).api("alerts").get("alerts");
            for (JsonNode alert : alerts) {
                if (alert.at("/labels/alertname").asText().equals("Watchdog")) {
                    return alert;
                }
            }
            sleep();
        }
        throw new AssertionError("the Watchdog never fired: " + alerts + logs());
    }

    /**
     * The real hook and the real exporter of this machine report under one instance, its host name (the hook's
     * default instance; scripts/stack gives the node job the same): tool and host series join on instance.
     */
    @Test
    @Order(4)
    void hookAndHostSeriesOfThisMachineJoinOnInstance() throws IOException {
        String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        Map<String, String> env = new HashMap<>();
        StackScript.jarOfThisBuild("pushgateway-hook", "hookmeter.jar")
                .ifPresent(jar -> env.put("HOOKMETER_JAR", jar.toString()));
        env.put("HOOKMETER_HOME", Files.createDirectories(stateDir.resolve("hook-home")).toString());
        env.put("HOOKMETER_PUSHGATEWAY_URL", stack.url("pushgateway"));
        env.put("HOOKMETER_INSTANCE", "");
        byte[] event = ("{\"session_id\": \"join\", \"hook_event_name\": \"PostToolUse\", \"tool_name\": \"Bash\", "
                + "\"tool_use_id\": \"t1\", \"tool_input\": {\"command\": \"true\"}, \"tool_response\": {}, "
                + "\"duration_ms\": 12}").getBytes(StandardCharsets.UTF_8);
        // The hook spools the event; the agent it starts (on a free port) applies it and pushes.
        CommandResult hook = Commands.run(List.of(Launchers.hookmeter().toString(), "hook"), event,
                Servers.withAgentDefaults(env), stateDir, Duration.ofSeconds(60));
        assertEquals(0, hook.exitCode(), hook.toString());

        PrometheusApi prometheus = new PrometheusApi(stack.url("prometheus"));
        String join = "sum by (instance) (hookmeter_tool_duration_seconds_count{job=\"hookmeter\", tool=\"Bash\"})"
                + " * on (instance) group_left (nodename) node_uname_info{job=\"node\"}";
        JsonNode joined;
        try {
            prometheus.awaitNonEmpty(join, TARGETS_UP);
            joined = prometheus.result(join);
        } finally {
            Agents.stopAll(stateDir.resolve("hook-home"));
        }
        assertEquals(1, joined.size(), joined.toString());
        assertEquals(host, joined.get(0).get("metric").get("instance").asText(), joined.toString());
        assertEquals(host, joined.get(0).get("metric").get("nodename").asText(), "the exporter's own name for it");
    }

    @Test
    @Order(5)
    void upAgainLeavesTheRunningServicesAlone() {
        List<Long> before = stack.pids();
        CommandResult again = stack.up();
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("prometheus: already running"), again.out());
        assertEquals(new TreeSet<>(before), new TreeSet<>(stack.pids()));
    }

    @Test
    @Order(6)
    void downStopsEverythingAndLeavesNoProcessBehind() {
        var push = Http.send("PUT", stack.url("pushgateway") + "/metrics/job/stack-it",
                "# TYPE hookmeter_stack_probe gauge\nhookmeter_stack_probe 7\n", "text/plain; version=0.0.4");
        assertEquals(200, push.statusCode(), push.body());
        List<Long> pids = stack.pids();
        assertEquals(6, pids.size(), "pid files: " + pids);
        CommandResult down = stack.down();
        assertEquals(0, down.exitCode(), down.toString());
        for (long pid : pids) {
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            assertTrue(process.isEmpty() || !process.get().isAlive(), "pid " + pid + " still running");
        }
        assertEquals(List.of(), stack.processesLeft());
        assertEquals(List.of(), stack.pids());
        CommandResult status = stack.status();
        assertEquals(0, status.exitCode(), status.toString());
        assertEquals(StackScript.SERVICES.size(), status.out().lines().filter(l -> l.endsWith("not running")).count(),
                status.out());
    }

    @Test
    @Order(7)
    void thePushgatewayKeepsItsLastPushesAcrossARestart() throws IOException {
        // This time with an env file, as a user's .env: its values apply, the environment's win over them.
        Path envFile = Files.writeString(stateDir.resolve("test.env"), """
                # a comment
                PUSHGATEWAY_PERSISTENCE_INTERVAL="2m"
                HOOKMETER_PORT_PUSHGATEWAY=1
                """);
        StackScript again = stack.with("HOOKMETER_STACK_SERVICES", "pushgateway")
                .with("HOOKMETER_ENV_FILE", envFile.toString());
        try {
            CommandResult up = again.up();
            assertEquals(0, up.exitCode(), up.toString());
            String metrics = Http.getOk(stack.url("pushgateway") + "/metrics");
            assertTrue(metrics.contains("hookmeter_stack_probe{instance=\"\",job=\"stack-it\"} 7"), metrics);
            List<String> log = Files.readAllLines(stateDir.resolve("log/pushgateway.log"));
            String command = log.stream().filter(line -> line.startsWith("=== ")).reduce((a, b) -> b).orElseThrow();
            assertTrue(command.contains("--persistence.interval=2m"), command);
        } finally {
            assertEquals(0, again.down().exitCode());
        }
        assertEquals(List.of(), stack.processesLeft());
    }

    @Test
    @Order(8)
    void aBusyPortStopsUpBeforeAnythingStarts() throws IOException {
        Path other = Files.createDirectories(stateDir.resolve("busy"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StackScript busy = new StackScript(other).with("HOOKMETER_STACK_SERVICES", "pushgateway alertmanager")
                    .with(StackScript.portVariable("alertmanager"), Integer.toString(taken.getLocalPort()));
            CommandResult result = busy.up();
            assertNotEquals(0, result.exitCode(), result.toString());
            assertTrue(result.err().contains("port " + taken.getLocalPort() + " (for alertmanager) is already in use"),
                    result.err());
            assertEquals(List.of(), busy.pids(), "the pushgateway it had started is stopped again");
            assertEquals(List.of(), busy.processesLeft());
        }
    }

    /** Polls Prometheus's targets until every active one is up; returns their job names. */
    private static Set<String> awaitAllTargetsUp(String prometheus) {
        long deadline = System.nanoTime() + TARGETS_UP.toNanos();
        JsonNode targets = null;
        while (System.nanoTime() < deadline) {
            targets = new PrometheusApi(prometheus).api("targets?state=active").get("activeTargets");
            List<String> notUp = new ArrayList<>();
            Set<String> jobs = new TreeSet<>();
            for (JsonNode target : targets) {
                jobs.add(target.get("labels").get("job").asText());
                if (!"up".equals(target.get("health").asText())) {
                    notUp.add(target.get("scrapeUrl").asText() + " " + target.get("health").asText() + " "
                            + target.get("lastError").asText());
                }
            }
            if (!jobs.isEmpty() && notUp.isEmpty()) {
                return jobs;
            }
            sleep();
        }
        throw new AssertionError("not every target of " + prometheus + " is up within " + TARGETS_UP + ": " + targets
                + logs());
    }

    private static String logs() {
        StringBuilder all = new StringBuilder();
        try (var logs = Files.list(stateDir.resolve("log"))) {
            for (Path log : logs.sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                all.append("\n===== ").append(log.getFileName()).append(" =====\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
            }
        } catch (IOException e) {
            all.append("\n(no logs: ").append(e).append(')');
        }
        return all.toString();
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
