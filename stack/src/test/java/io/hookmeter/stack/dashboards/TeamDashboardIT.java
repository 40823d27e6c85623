package io.hookmeter.stack.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The team dashboards (grafana/dashboards/*team*.json) against a real single-node VictoriaMetrics that
 * scripts/simulate-team filled with a working day of four developers: every panel query, as Grafana would send it with the
 * variables at "All" and at one picked value each (job excepted), returns data.
 */
@ExtendWith(RealServers.class)
class TeamDashboardIT {
    /** simulate-team's step, which Grafana would take as the scrape interval. */
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static PrometheusApi store;
    /** Grafana's "now": the simulated day's end, a weekday afternoon, so "today" has work in it whenever this runs. */
    private static Instant now;

    @BeforeAll
    static void simulateTheTeam(Servers servers) {
        ManagedProcess victoriaMetrics = servers.victoriaMetrics();
        now = Instant.ofEpochSecond(WorkingDay.lastAfternoon());
        CommandResult run = Commands.run(List.of(Launchers.repoRoot().resolve("scripts/simulate-team").toString(),
                        "--url", victoriaMetrics.url(), "--team", "platform", "--end",
                        Long.toString(now.getEpochSecond()), "4", "24"), null, Map.of(),
                Launchers.repoRoot(), Duration.ofMinutes(2));
        assertEquals(0, run.exitCode(), run.toString());
        store = new PrometheusApi(victoriaMetrics);
    }

    static List<Dashboard> teamDashboards() {
        List<Dashboard> team = Dashboards.all().stream().filter(Dashboards::isTeam).toList();
        assertFalse(team.isEmpty(), "no team dashboard in " + Dashboards.DIR);
        return team;
    }

    @TestFactory
    Stream<DynamicTest> everyPanelQueryReturnsData() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Dashboard dashboard : teamDashboards()) {
            for (Query query : dashboard.queries()) {
                tests.add(DynamicTest.dynamicTest(query.where(), () -> awaitData(query, Map.of())));
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

    /** Runs the query as Grafana would until it returns a number (imported data takes a moment to be searchable). */
    private static void awaitData(Query query, Map<String, String> picked) {
        long deadline = System.nanoTime() + WAIT.toNanos();
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
