package io.hookmeter.stack.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookmeter.harness.Binaries;
import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import io.hookmeter.harness.Launchers;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.PrometheusApi;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import io.hookmeter.stack.dashboards.Dashboards.Dashboard;
import io.hookmeter.stack.dashboards.Dashboards.Query;
import io.hookmeter.stack.team.WorkingDay;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every dashboard against the team store: a real single-node VictoriaMetrics that scripts/simulate-team filled with a
 * working day of four developers, and the real vmalert replayed the shipped rule files over that day, as it evaluates
 * them centrally. Every panel query of every dashboard in grafana/dashboards/, as Grafana would send it with the
 * variables at "All", returns data; the team dashboards also with one picked value of each variable (job excepted).
 */
@ExtendWith(RealServers.class)
class TeamDashboardIT {
    /**
     * Panels (dashboard uid / panel title / refId) of the single-machine stack's own servers, which a team store
     * never holds: forwarders scrape the agent, so no Pushgateway adds push times, and vmalert, not Prometheus,
     * evaluates the rules. docs/team.md lists them.
     */
    static final Map<String, String> ABSENT_FROM_TEAM_STORE = Map.of(
            "hookmeter-health/Age of the last push/A", "push_time_seconds: the Pushgateway's, none on a team store",
            "hookmeter-health/Age of the last push/B", "push_failure_time_seconds: the Pushgateway's likewise",
            "hookmeter-health/Rule evaluation failures/A", "prometheus_rule_*: vmalert evaluates the team's rules",
            "hookmeter-health/Rule group durations/A", "prometheus_rule_*: vmalert evaluates the team's rules");

    /** simulate-team's step, which Grafana would take as the scrape interval. */
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * Replays of the rules that are not daily or hourly aggregates: a rule that reads another's series (error ratios
     * from call rates, the projection at reset from its slope) finds them only in a later pass, once
     * VictoriaMetrics has made them searchable; the longest chain in the shipped rules has three links.
     */
    private static final int PASSES = 3;

    private static PrometheusApi store;
    /** Grafana's "now": the simulated day's end, a weekday afternoon, so "today" has work in it whenever this runs. */
    private static Instant now;
    /** One wait for the whole class: once the store answers, a query without data fails at once. */
    private static long deadline;

    @BeforeAll
    static void simulateTheTeam(Servers servers) throws IOException {
        ManagedProcess victoriaMetrics = servers.victoriaMetrics();
        now = Instant.ofEpochSecond(WorkingDay.lastAfternoon());
        CommandResult run = Commands.run(List.of(Launchers.repoRoot().resolve("scripts/simulate-team").toString(),
                        "--url", victoriaMetrics.url(), "--team", "platform", "--end",
                        Long.toString(now.getEpochSecond()), "4", "24"), null, Map.of(),
                Launchers.repoRoot(), Duration.ofMinutes(2));
        assertEquals(0, run.exitCode(), run.toString());
        // The hourly and daily aggregates read the 5-minute rules' series: those are replayed first, until complete.
        List<Path> rules = replayableRules(servers.directory("rules"));
        for (int pass = 0; pass < PASSES; pass++) {
            replay(victoriaMetrics, rules.stream().filter(f -> !f.endsWith("aggregates.yml")).toList());
        }
        replay(victoriaMetrics, rules.stream().filter(f -> f.endsWith("aggregates.yml")).toList());
        store = new PrometheusApi(victoriaMetrics);
        deadline = System.nanoTime() + WAIT.toNanos();
    }

    /**
     * The shipped rule files for replay: vmalert refuses the {@code query} function in annotation templates while
     * replaying (it would query the present), so those parts of three descriptions go; labels and expressions stay.
     */
    private static List<Path> replayableRules(Path dir) throws IOException {
        List<Path> copies = new ArrayList<>();
        try (Stream<Path> files = Files.list(Launchers.repoRoot().resolve("prometheus/rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                Path copy = dir.resolve(file.getFileName());
                Files.writeString(copy, Files.readString(file).replaceAll(
                        "\\{\\{ with query \"[^\"]*\" }}.*?\\{\\{ end }}", ""));
                copies.add(copy);
            }
        }
        return copies;
    }

    /** vmalert's replay mode: evaluates the rules over the simulated day and writes what they record to the store. */
    private static void replay(ManagedProcess victoriaMetrics, List<Path> ruleFiles) {
        List<String> command = new ArrayList<>(List.of(Binaries.require(Binaries.VMALERT).toString(),
                "-datasource.url=" + victoriaMetrics.url(), "-remoteWrite.url=" + victoriaMetrics.url(),
                "-replay.timeFrom=" + now.minus(Duration.ofHours(24)), "-replay.timeTo=" + now,
                "-replay.disableProgressBar", "-replay.rulesDelay=100ms", "-remoteWrite.flushInterval=100ms"));
        ruleFiles.forEach(f -> command.add("-rule=" + f));
        CommandResult run = Commands.run(command, Duration.ofMinutes(4));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue((run.err() + run.out()).contains("replay finished"), run.toString());
    }

    static List<Dashboard> teamDashboards() {
        List<Dashboard> team = Dashboards.all().stream().filter(Dashboards::isTeam).toList();
        assertFalse(team.isEmpty(), "no team dashboard in " + Dashboards.DIR);
        return team;
    }

    @TestFactory
    Stream<DynamicTest> everyPanelQueryReturnsData() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Dashboard dashboard : Dashboards.all()) {
            for (Query query : dashboard.queries()) {
                if (!ABSENT_FROM_TEAM_STORE.containsKey(key(query))) {
                    tests.add(DynamicTest.dynamicTest(query.where(), () -> awaitData(query, Map.of())));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void everyVariableListsValuesAndEveryPanelAnswersForOnePickedValueEach() {
        for (Dashboard dashboard : teamDashboards()) {
            Map<String, String> picked = new HashMap<>();
            Query any = dashboard.queries().get(0);
            for (JsonNode variable : dashboard.variables()) {
                Dashboards.LabelValues query = Dashboards.LabelValues.of(variable);
                if (!variable.path("type").asText().equals("query") || query == null) {
                    continue;
                }
                Map<String, String> values = GrafanaTimeRange.of(any, STEP, now).variables(any);
                values.putAll(picked);
                Set<String> listed = new TreeSet<>();
                for (JsonNode series : store.api("series?match[]=" + URLEncoder.encode(
                        GrafanaMacros.substitute(query.selector(), values), StandardCharsets.UTF_8)
                        + "&start=" + (now.getEpochSecond() - 86_400) + "&end=" + now.getEpochSecond())) {
                    listed.add(series.path(query.label()).asText());
                }
                listed.remove("");
                assertFalse(listed.isEmpty(), dashboard + ": variable " + query.label() + " lists nothing");
                if (query.label().equals("team")) {
                    assertEquals(Set.of("platform"), listed);
                }
                if (query.label().equals("job")) {
                    // The agent's and the exporter's jobs; one of them alone empties the other's panels by design.
                    assertEquals(Set.of("hookmeter", "node"), listed);
                    continue;
                }
                picked.put(query.label(), listed.iterator().next());
            }
            for (Query query : dashboard.queries()) {
                awaitData(query, picked);
            }
        }
    }

    /**
     * "Slowest tools (p95)" reads the per-team rule at All and the per-host rule once a host, user or project is
     * picked (prometheus/rules/team.yml): for each kind of choice, as Grafana writes the values, exactly one of its
     * selectors matches series over the day, the expected one, and the panel shows what the per-host rule alone
     * gives for that choice.
     */
    @Test
    void theSlowestToolsPanelReadsOneRuleForEachChoiceAndAgreesWithThePerHostRule() {
        Query panel = teamDashboards().stream().flatMap(d -> d.queries().stream())
                .filter(q -> q.panelTitle().equals("Slowest tools (p95)")).findFirst().orElseThrow();
        String team = "team_job_tool_le:hookmeter_tool_duration_seconds_bucket:increase5m";
        String host = "instance_project_tool_le:hookmeter_tool_duration_seconds_bucket:increase5m";
        List<PromQl.Selector> selectors = PromQl.selectors(panel.expr());
        assertEquals(Set.of(team, host), selectors.stream().map(PromQl.Selector::name).collect(Collectors.toSet()));
        String reference = "topk(10, histogram_quantile(0.95, sum by (tool, le) (sum_over_time(" + host
                + "{team=~\"$team\", job=~\"$job\", instance=~\"$instance\", user=~\"$user\", "
                + "project=~\"$project\"}[$__range]))))";
        List<String> users = List.copyOf(labelValues("user"));
        Map<Map<String, String>, String> expected = new LinkedHashMap<>();
        expected.put(Map.of(), team);
        expected.put(Map.of("user", GrafanaMacros.regex(users.subList(0, 1))), host);
        expected.put(Map.of("user", GrafanaMacros.regex(users.subList(0, 2))), host);
        expected.put(Map.of("instance", GrafanaMacros.regex(List.of(labelValues("instance").first()))), host);
        expected.put(Map.of("project", GrafanaMacros.regex(List.of(labelValues("project").first()))), host);
        GrafanaTimeRange time = GrafanaTimeRange.of(panel, STEP, now);
        expected.forEach((picked, rule) -> {
            awaitData(panel, picked);
            Map<String, String> values = time.variables(panel);
            values.putAll(picked);
            Set<String> matching = new TreeSet<>();
            for (PromQl.Selector selector : selectors) {
                if (!series(GrafanaMacros.substitute(selector.text(), values)).isEmpty()) {
                    matching.add(selector.name());
                }
            }
            assertEquals(Set.of(rule), matching, "selectors with series for " + picked);
            Map<String, Double> shown = byTool(DashboardQueriesIT.run(store,
                    GrafanaMacros.substitute(panel.expr(), values), true, time));
            Map<String, Double> perHost = byTool(DashboardQueriesIT.run(store,
                    GrafanaMacros.substitute(reference, values), true, time));
            assertFalse(shown.isEmpty(), "no tools for " + picked);
            assertEquals(perHost.keySet(), shown.keySet(), "tools for " + picked);
            perHost.forEach((tool, p95) -> assertEquals(p95, shown.get(tool), 1e-9 * Math.abs(p95),
                    tool + " for " + picked));
        });
    }

    /** The values of a label among the team's calls and cost over the simulated day, as the variables list them. */
    private static TreeSet<String> labelValues(String label) {
        TreeSet<String> values = new TreeSet<>();
        for (JsonNode series : series("hookmeter_cost_usd_total{team=\"platform\"}")) {
            values.add(series.path(label).asText());
        }
        values.remove("");
        assertTrue(values.size() >= 2, label + ": " + values);
        return values;
    }

    private static JsonNode series(String selector) {
        return store.api("series?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8)
                + "&start=" + (now.getEpochSecond() - 86_400) + "&end=" + now.getEpochSecond());
    }

    private static Map<String, Double> byTool(JsonNode result) {
        Map<String, Double> values = new TreeMap<>();
        for (JsonNode series : result) {
            values.put(series.path("metric").path("tool").asText(), series.path("value").get(1).asDouble());
        }
        return values;
    }

    @Test
    void panelsAbsentFromTheTeamStoreExistAndAreDocumented() throws IOException {
        String docs = Files.readString(Launchers.repoRoot().resolve("docs/team.md"));
        Set<String> keys = new TreeSet<>();
        Dashboards.all().forEach(d -> d.queries().forEach(q -> keys.add(key(q))));
        for (String key : ABSENT_FROM_TEAM_STORE.keySet()) {
            assertTrue(keys.contains(key), "no panel " + key);
            String title = key.substring(key.indexOf('/') + 1, key.lastIndexOf('/'));
            assertTrue(docs.contains(title), "docs/team.md must list the panel " + title);
        }
    }

    private static String key(Query query) {
        return query.dashboard().uid() + "/" + query.panelTitle() + "/" + query.target().path("refId").asText();
    }

    /** Runs the query as Grafana would until it returns a number (imported data takes a moment to be searchable). */
    private static void awaitData(Query query, Map<String, String> picked) {
        while (true) {
            GrafanaTimeRange time = GrafanaTimeRange.of(query, STEP, now);
            Map<String, String> values = time.variables(query);
            values.putAll(picked);
            String expr = GrafanaMacros.substitute(query.expr(), values);
            JsonNode result = DashboardQueriesIT.run(store, expr, query.instant(), time);
            if (DashboardQueriesIT.hasNumber(result)) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, query.where() + " returned no data: " + expr + "\n" + result);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
