package io.hookmeter.stack.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookmeter.harness.Launchers;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.PrometheusApi;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import io.hookmeter.stack.dashboards.Dashboards.Dashboard;
import io.hookmeter.stack.dashboards.Dashboards.Query;
import io.hookmeter.stack.dashboards.PromQl.Selector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every query of every panel, as Grafana would send it, against real data: the real exporter and a scripted
 * Claude Code session through the real {@code hookmeter hook} feed a real Pushgateway; the main Prometheus runs
 * the shipped scrape config and rules (short intervals) and remote-writes the aggregates to the long-term
 * Prometheus, which runs the shipped prometheus-longterm.yml, as in production. Each query must succeed and
 * return at least one number; a panel listed in {@link #EXEMPT} need only be valid.
 */
@ExtendWith(RealServers.class)
class DashboardQueriesIT {
    /** Panels (dashboard uid / panel title / refId) that may be empty with this data, and why. */
    static final Map<String, String> EXEMPT = Map.of(
            "hookmeter-host/Filesystem usage/D",
            "days until full: empty while no filesystem's free space shrinks over the time range",
            "hookmeter-host/Disk latency/A",
            "read latency: empty while no disk read completes (the test's files stay in the page cache)",
            "hookmeter-host/Temperatures/A",
            "empty on machines without hardware sensors (virtual machines such as the test machines)");

    private static final Duration SCRAPE = Duration.ofSeconds(2);
    private static final Duration DATA_TIMEOUT = Duration.ofSeconds(90);

    private static PrometheusApi main;
    private static PrometheusApi longTerm;
    private static Process claude;
    private static long deadline;

    @BeforeAll
    static void feedTheStack(Servers servers) throws IOException {
        ManagedProcess pushgateway = servers.pushgateway();
        ManagedProcess exporter = servers.exporter(BuiltJars.launcherEnv());
        // A process the exporter's default "claude" group matches (command line "claude ..."), as Claude Code is.
        claude = new ProcessBuilder("bash", "-c", "exec -a claude sleep 600").start();
        ManagedProcess longTermServer = ShippedPrometheus.start(servers, "prometheus-longterm.yml",
                "prometheus-longterm:9094", Map.of(), promDuration(SCRAPE), "--query.lookback-delta=1h",
                "--web.enable-remote-write-receiver");
        ManagedProcess prometheus = ShippedPrometheus.start(servers, "prometheus.yml", "prometheus:9090",
                Map.of("pushgateway:9091", "127.0.0.1:" + pushgateway.port(),
                        "exporter:9101", "127.0.0.1:" + exporter.port(),
                        "prometheus-longterm:9094", "127.0.0.1:" + longTermServer.port(),
                        // The machine's name for its host series: the instance the session's hook pushes under.
                        "HOOKMETER_HOST", ClaudeCodeSession.INSTANCE), promDuration(SCRAPE));
        main = new PrometheusApi(prometheus);
        longTerm = new PrometheusApi(longTermServer);

        ClaudeCodeSession session = new ClaudeCodeSession(servers, pushgateway.url());
        session.work();
        session.withPushgatewayDown();
        session.garbage();
        // Let Prometheus see the first values, so that what follows is an increase, not a new series.
        main.awaitNonEmpty("hookmeter_tool_duration_seconds_count{tool=\"Bash\", outcome=\"interrupted\"}",
                Duration.ofSeconds(30));
        main.awaitNonEmpty("up{job=\"node\"} == 1", Duration.ofSeconds(30));
        sleep(SCRAPE.multipliedBy(2));
        session.more();
        // Check against the whole session, not the first half: wait until the second batch is scraped.
        main.awaitNonEmpty("sum(hookmeter_tool_duration_seconds_count{tool=\"Bash\"}) >= 5", Duration.ofSeconds(30));
        main.awaitNonEmpty("hookmeter_sessions_ended_total{reason=\"clear\"}", Duration.ofSeconds(30));
        deadline = System.nanoTime() + DATA_TIMEOUT.toNanos();
    }

    @AfterAll
    static void stopClaude() {
        if (claude != null) {
            claude.destroy();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyPanelQueryReturnsData() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Dashboard dashboard : Dashboards.singleMachine()) {
            for (Query query : dashboard.queries()) {
                tests.add(DynamicTest.dynamicTest(query.where(), () -> check(query)));
            }
        }
        return tests.stream();
    }

    /**
     * Every variable lists values, each filtered by a concrete value picked in the variables before it; with those
     * picks instead of "All" (escaped as a regex, as Grafana does) every query must still be accepted: instances
     * such as 127.0.0.1:9101 and model names carry regex characters.
     */
    @Test
    void everyVariableListsValuesAndQueriesAcceptThem() {
        for (Dashboard dashboard : Dashboards.singleMachine()) {
            Map<String, String> picked = new java.util.HashMap<>();
            for (JsonNode variable : dashboard.variables()) {
                if (!variable.path("type").asText().equals("query")) {
                    continue;
                }
                Dashboards.LabelValues query = Dashboards.LabelValues.of(variable);
                Query any = dashboard.queries().get(0);
                GrafanaTimeRange time = GrafanaTimeRange.of(any, SCRAPE, Instant.now());
                Map<String, String> values = time.variables(any);
                values.putAll(picked);
                Set<String> listed = awaitLabelValues(server(dashboard),
                        GrafanaMacros.substitute(query.selector(), values), query.label(), time);
                assertTrue(!listed.isEmpty(), dashboard + ": variable " + variable.path("name").asText()
                        + " lists nothing for " + query.selector() + " with " + picked);
                picked.put(variable.path("name").asText(), regexEscape(listed.iterator().next()));
            }
            for (Query query : dashboard.queries()) {
                GrafanaTimeRange time = GrafanaTimeRange.of(query, SCRAPE, Instant.now());
                Map<String, String> values = time.variables(query);
                values.putAll(picked);
                run(server(dashboard), GrafanaMacros.substitute(query.expr(), values), query.instant(), time);
            }
        }
    }

    /** Grafana's escaping of a selected value inside a regex matcher: a backslash before each special character. */
    private static String regexEscape(String value) {
        return value.replaceAll("([\\\\^$*+?.()|{}\\[\\]])", "\\\\\\\\$1");
    }

    /** Beyond the static lint: a selector whose series carry a variable's label must filter by that variable. */
    @Test
    void everySelectorFiltersTheVariablesItsSeriesCarry() {
        List<String> problems = new ArrayList<>();
        for (Dashboard dashboard : Dashboards.singleMachine()) {
            Set<String> variables = new TreeSet<>();
            dashboard.variables().stream().filter(v -> v.path("type").asText().equals("query"))
                    .forEach(v -> variables.add(v.path("name").asText()));
            for (Query query : dashboard.queries()) {
                GrafanaTimeRange time = GrafanaTimeRange.of(query, SCRAPE, Instant.now());
                for (Selector selector : PromQl.selectors(query.expr())) {
                    String text = GrafanaMacros.substitute(selectorText(selector), time.variables(query));
                    for (JsonNode series : series(server(dashboard), text, time)) {
                        for (String label : variables) {
                            if (series.has(label) && !selector.matchers().containsKey(label)) {
                                problems.add(query.where() + ": " + selector.name() + " carries " + label
                                        + " but does not filter it");
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems.stream().distinct().toList());
    }

    /** The data is this session's alone (a test Pushgateway shares no persistence file with other tests). */
    @Test
    void theDataComesFromThisSessionOnly() {
        JsonNode groups = main.result("push_time_seconds");
        assertEquals(1, groups.size(), groups.toString());
        assertEquals(ClaudeCodeSession.INSTANCE, groups.get(0).get("metric").get("instance").asText());
    }

    @Test
    void exemptPanelsExistAndAreDocumented() throws IOException {
        String docs = Files.readString(Launchers.repoRoot().resolve("docs/dashboards.md"));
        for (String key : EXEMPT.keySet()) {
            // uid / panel title (which may hold a slash) / refId
            String[] parts = {key.substring(0, key.indexOf('/')),
                    key.substring(key.indexOf('/') + 1, key.lastIndexOf('/')), key.substring(key.lastIndexOf('/') + 1)};
            boolean exists = Dashboards.all().stream().flatMap(d -> d.queries().stream())
                    .anyMatch(q -> q.dashboard().uid().equals(parts[0]) && q.panelTitle().equals(parts[1])
                            && q.target().path("refId").asText().equals(parts[2]));
            assertTrue(exists, "exempt panel " + key + " does not exist");
            assertTrue(docs.contains(parts[1]), "docs/dashboards.md must list the exempt panel " + parts[1]);
        }
    }

    private static void check(Query query) {
        String key = query.dashboard().uid() + "/" + query.panelTitle() + "/" + query.target().path("refId").asText();
        PrometheusApi server = server(query.dashboard());
        while (true) {
            GrafanaTimeRange time = GrafanaTimeRange.of(query, SCRAPE, Instant.now());
            String expr = GrafanaMacros.substitute(query.expr(), time.variables(query));
            JsonNode result = run(server, expr, query.instant(), time);
            if (EXEMPT.containsKey(key) || hasNumber(result)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(query.where() + " returned no data: " + expr + "\nresult: " + result);
            }
            sleep(Duration.ofSeconds(1));
        }
    }

    /** Runs the query as Grafana would: instant at the end of the range, or a range query with step = interval. */
    static JsonNode run(PrometheusApi server, String expr, boolean instant, GrafanaTimeRange time) {
        String q = "query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8);
        if (instant) {
            return server.api("query?" + q + "&time=" + seconds(time.end())).get("result");
        }
        return server.api("query_range?" + q + "&start=" + seconds(time.start()) + "&end=" + seconds(time.end())
                + "&step=" + time.interval().toMillis() / 1000.0).get("result");
    }

    static boolean hasNumber(JsonNode result) {
        for (JsonNode series : result) {
            List<JsonNode> samples = new ArrayList<>();
            if (series.has("value")) {
                samples.add(series.get("value"));
            }
            series.path("values").forEach(samples::add);
            for (JsonNode sample : samples) {
                if (!sample.get(1).asText().equals("NaN")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> awaitLabelValues(PrometheusApi server, String selector, String label,
                                                GrafanaTimeRange time) {
        Set<String> values = new TreeSet<>();
        while (true) {
            for (JsonNode series : series(server, selector, time)) {
                if (series.has(label)) {
                    values.add(series.get(label).asText());
                }
            }
            if (!values.isEmpty() || System.nanoTime() > deadline) {
                return values;
            }
            sleep(Duration.ofSeconds(1));
        }
    }

    private static JsonNode series(PrometheusApi server, String selector, GrafanaTimeRange time) {
        return server.api("series?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8)
                + "&start=" + seconds(time.end().minus(time.range())) + "&end=" + seconds(time.end()));
    }

    /** The selector back as PromQL, with its variables still in it. */
    private static String selectorText(Selector selector) {
        StringBuilder text = new StringBuilder(selector.matchers().containsKey("__name__") ? "" : selector.name())
                .append('{');
        selector.matchers().values().forEach(m -> text.append(m.label()).append(m.op()).append('"')
                .append(m.value().replace("\\", "\\\\").replace("\"", "\\\"")).append("\","));
        return text.append('}').toString();
    }

    private static PrometheusApi server(Dashboard dashboard) {
        String uid = dashboard.variable("datasource").path("current").path("value").asText();
        return uid.equals("prometheus-longterm") ? longTerm : main;
    }

    private static String seconds(Instant instant) {
        return String.valueOf(instant.toEpochMilli() / 1000.0);
    }

    private static String promDuration(Duration d) {
        return GrafanaTimeRange.promDuration(d);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
