package io.hookmeter.stack.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.FreePorts;
import io.hookmeter.harness.Http;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.PrometheusApi;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end with the real binaries and the shipped files (addresses rewritten, as scripts/stack does): hookmeter
 * (Claude Code hook events, then {@code hookmeter record}) pushes tool failures to the Pushgateway, Prometheus evaluates the shipped rules, Alertmanager routes the alert to
 * the alert sink, and the sink's file shows ToolErrorRateHigh firing, then resolved once the failures stop. The
 * main Prometheus remote-writes only the hourly/daily aggregates to the long-term one (prometheus-longterm.yml).
 *
 * <p>Test-only overlay (the shipped files are not touched): 1 s scrape and evaluation intervals, 3 s instead of 1h/1d
 * for the aggregate groups, ToolErrorRateHigh over 30 s without `for`, Alertmanager group_wait 1 s and
 * group_interval 2 s, Prometheus's alert resend delay 2 s.
 */
@ExtendWith(RealServers.class)
class AlertPipelineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String INSTANCE = "it-host";
    private static final AtomicInteger TOOL_USE = new AtomicInteger();

    private static Servers servers;
    private static Path hookHome;
    private static ManagedProcess pushgateway;
    private static ManagedProcess sink;
    private static Path sinkLog;
    private static PrometheusApi main;
    private static PrometheusApi longTerm;

    @BeforeAll
    static void startTheStack(Servers started) {
        servers = started;
        hookHome = servers.directory("hookmeter-home");
        // In memory only: the Debian package's default persistence file is shared by every Pushgateway on the host.
        pushgateway = servers.pushgateway("--persistence.file=");
        ManagedProcess exporter = servers.exporter();

        int sinkPort = FreePorts.next();
        sinkLog = servers.directory("alert-sink").resolve("alerts.jsonl");
        sink = servers.start("alert-sink", List.of(ShippedStack.ROOT.resolve("alert-sink/bin/hookmeter-alert-sink").toString(),
                "--web.listen-address=127.0.0.1:" + sinkPort, "--log.file=" + sinkLog), sinkPort, "/-/healthy", Map.of());

        Path amConfig = ShippedStack.copy("alertmanager", servers.directory("am-config"),
                Map.of("alert-sink", sinkPort),
                (file, text) -> file.equals("alertmanager.yml")
                        ? ShippedStack.replaceAll(text, ShippedStack.pairs("group_wait: 30s", "group_wait: 1s",
                        "group_interval: 5m", "group_interval: 2s"))
                        : text).resolve("alertmanager.yml");
        ManagedProcess alertmanager = servers.alertmanager(amConfig);

        int longTermPort = FreePorts.next();
        Path longTermConfig = ShippedStack.copy("prometheus", servers.directory("longterm-config"),
                Map.of("prometheus-longterm", longTermPort),
                AlertPipelineIT::fastMain).resolve("prometheus-longterm.yml");
        longTerm = new PrometheusApi(servers.prometheus(longTermPort, longTermConfig, "--query.lookback-delta=1h",
                "--web.enable-remote-write-receiver"));

        Path promConfig = ShippedStack.copy("prometheus", servers.directory("prom-config"),
                Map.of("pushgateway", pushgateway.port(), "exporter", exporter.port(), "alertmanager",
                        alertmanager.port(), "alert-sink", sinkPort, "prometheus", FreePorts.next(),
                        "prometheus-longterm", longTermPort),
                AlertPipelineIT::fastMain).resolve("prometheus.yml");
        // Alerts evaluated before Prometheus has discovered Alertmanager are re-sent after resend-delay (1m).
        ManagedProcess prometheus = servers.prometheus(promConfig, "--rules.alert.resend-delay=2s");
        main = new PrometheusApi(prometheus);

    }

    private static String fastMain(String file, String text) {
        return switch (file) {
            case "rules/alerts-hookmeter.yml" -> ShippedStack.inAlert(text, "ToolErrorRateHigh",
                    rule -> ShippedStack.replaceAll(rule, ShippedStack.pairs("[15m]", "[30s]", "for: 5m", "for: 0s")));
            default -> ShippedStack.fastPrometheus(file, text, "3s");
        };
    }

    @Test
    void toolFailuresReachTheSinkAndResolveWhenTheyStop() throws Exception {
        // One success: the hook creates Bash's error series with it, at 0, so Prometheus has seen it before the
        // first failure (increase() does not count what a series holds at its first scrape).
        hook(postToolUse("Bash", false));
        main.awaitResult("hookmeter_tool_duration_seconds_count{tool=\"Bash\", outcome=\"error\", instance=\""
                + INSTANCE + "\"} == 0", WAIT, r -> r.size() == 1);

        // A burst of failures from parallel processes (as Claude Code runs hooks), through `hookmeter record`.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<CommandResult>> runs = new ArrayList<>();
            for (int i = 0; i < 14; i++) {
                runs.add(pool.submit(() -> hookmeter("record", "--name", "Bash", "--duration-ms", "250",
                        "--outcome", "error", "--exit-code", "2")));
            }
            for (Future<CommandResult> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }

        // Every failure of the burst counts, the first one included.
        main.awaitResult("sum(increase(hookmeter_tool_duration_seconds_count{tool=\"Bash\", outcome=\"error\", instance=\""
                + INSTANCE + "\"}[30s]))", WAIT, r -> r.size() == 1 && r.get(0).at("/value/1").asDouble() > 13.99);

        JsonNode firing = awaitSinkLine(line -> line.path("status").asText().equals("firing")
                && alertNamed(line, "ToolErrorRateHigh"));
        JsonNode alert = firing.get("alerts").get(0);
        assertEquals("warning", firing.get("receiver").asText(), "routed by severity");
        assertEquals("Bash", alert.at("/labels/tool").asText());
        assertEquals(INSTANCE, alert.at("/labels/instance").asText());
        assertTrue(alert.at("/annotations/description").asText().contains("of the Bash calls on " + INSTANCE + " failed"),
                alert.toString());
        assertEquals(ShippedStack.runbooksUrl() + "#toolerrorratehigh", alert.at("/annotations/runbook_url").asText());
        assertTrue(firingSet().toString().contains("ToolErrorRateHigh"), "the sink's firing set has it");

        // No more failures: once they leave the 30 s window the alert resolves, and the sink hears it.
        awaitSinkLine(line -> line.path("status").asText().equals("resolved") && alertNamed(line, "ToolErrorRateHigh"));
        awaitTrue(() -> !firingSet().toString().contains("ToolErrorRateHigh"), "resolved alert still in the firing set");
    }

    @Test
    void theWatchdogReachesItsOwnReceiverAndStaysOutOfTheFiringSet() throws Exception {
        JsonNode heartbeat = awaitSinkLine(line -> line.path("path").asText().equals("/watchdog"));
        assertEquals("watchdog", heartbeat.get("receiver").asText());
        assertTrue(alertNamed(heartbeat, "Watchdog"), heartbeat.toString());
        JsonNode status = firingSet();
        assertTrue(status.get("watchdogLastSeen").isTextual(), status.toString());
        assertTrue(!status.get("alerts").toString().contains("\"Watchdog\""), status.toString());
    }

    @Test
    void theLongTermTierReceivesOnlyTheAggregates() {
        hook(postToolUse("Read", false));
        longTerm.awaitNonEmpty("instance_tool_outcome:hookmeter_tool_calls:increase1h{instance=\"" + INSTANCE + "\", tool=\"Read\"}", WAIT);
        longTerm.awaitNonEmpty("instance_tool_outcome:hookmeter_tool_calls:increase1d{instance=\"" + INSTANCE + "\", tool=\"Read\"}", WAIT);
        longTerm.awaitNonEmpty("instance:node_cpu_utilisation:avg1h", WAIT);
        // The original labels arrive with them.
        JsonNode series = longTerm.result(
                "instance_tool_outcome:hookmeter_tool_calls:increase1h{tool=\"Read\", outcome=\"success\"}");
        assertEquals(1, series.size(), series.toString());
        assertEquals(INSTANCE, series.get(0).at("/metric/instance").asText());
        // But not the main tier's external label, the runbook links' base: it is no part of a series.
        assertTrue(series.get(0).at("/metric/runbooks_url").isMissingNode(), series.toString());
        assertEquals("federate", series.get(0).at("/metric/job").asText(), "the job the series had under federation");

        // Nothing else: no raw series, no 5-minute recordings, no alerts.
        JsonNode names = longTerm.api("label/__name__/values");
        for (JsonNode name : names) {
            String n = name.asText();
            boolean aggregate = n.matches(".+:.+:.+(1h|1d)");
            boolean selfMonitoring = n.startsWith("prometheus_") || n.startsWith("go_") || n.startsWith("process_")
                    || n.startsWith("net_conntrack_") || n.startsWith("promhttp_") || n.startsWith("scrape_")
                    || n.equals("up");
            assertTrue(aggregate || selfMonitoring, "the long-term tier should not hold " + n);
        }
        assertTrue(longTerm.result("{__name__=~\"hookmeter_.+|node_.+|ALERTS\"}").isEmpty());
    }

    private static String postToolUse(String tool, boolean failed) {
        int id = TOOL_USE.incrementAndGet();
        String common = "\"session_id\":\"it\",\"transcript_path\":\"/nonexistent.jsonl\",\"cwd\":\"/tmp\","
                + "\"tool_name\":\"" + tool + "\",\"tool_input\":{\"command\":\"make test\"},\"tool_use_id\":\"toolu_" + id
                + "\",\"duration_ms\":250";
        return failed
                ? "{\"hook_event_name\":\"PostToolUseFailure\"," + common + ",\"error\":\"Exit code 2\\nmake: *** [test] Error 2\"}"
                : "{\"hook_event_name\":\"PostToolUse\"," + common + ",\"tool_response\":{\"stdout\":\"ok\"}}";
    }

    /** {@code hookmeter hook} with one Claude Code hook event on stdin. */
    private static CommandResult hook(String event) {
        return run(event.getBytes(StandardCharsets.UTF_8), "hook");
    }

    /** Any other {@code hookmeter} command, for example {@code record}. */
    private static CommandResult hookmeter(String... args) {
        return run(new byte[0], args);
    }

    private static CommandResult run(byte[] stdin, String... args) {
        CommandResult result = servers.hookmeter(stdin, Map.of("HOOKMETER_PUSHGATEWAY_URL", pushgateway.url(),
                "HOOKMETER_HOME", hookHome.toString(), "HOOKMETER_INSTANCE", INSTANCE), args);
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    private static boolean alertNamed(JsonNode notification, String name) {
        for (JsonNode alert : notification.path("alerts")) {
            if (name.equals(alert.at("/labels/alertname").asText())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode firingSet() {
        try {
            return JSON.readTree(Http.getOk(sink.url() + "/alerts"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode awaitSinkLine(Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(sinkLog)) {
                for (String line : Files.readAllLines(sinkLog)) {
                    JsonNode notification = JSON.readTree(line);
                    if (wanted.test(notification)) {
                        return notification;
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no such notification in " + sinkLog + " within " + WAIT + ":\n"
                + (Files.exists(sinkLog) ? Files.readString(sinkLog) : "(no file)"));
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String message) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(message);
    }
}
