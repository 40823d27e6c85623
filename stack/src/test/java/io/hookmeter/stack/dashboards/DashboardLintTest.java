package io.hookmeter.stack.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookmeter.harness.Binaries;
import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import io.hookmeter.stack.LongTermWrite;
import io.hookmeter.stack.dashboards.Dashboards.Dashboard;
import io.hookmeter.stack.dashboards.Dashboards.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lints every shipped dashboard (grafana/dashboard-linter's rules and ours), and proves the lint has teeth. */
class DashboardLintTest {
    /** The dashboards and their uids: links, bookmarks and docs use these, so they never change. */
    static final Map<String, String> UIDS = Map.of(
            "agent-tools.json", "hookmeter-tools",
            "tokens-and-cost.json", "hookmeter-cost",
            "sessions-and-activity.json", "hookmeter-sessions",
            "host.json", "hookmeter-host",
            "monitoring-health.json", "hookmeter-health",
            "long-term-trends.json", "hookmeter-longterm",
            "team-overview.json", "hookmeter-team");
    private static final Pattern DASHBOARD_LINK = Pattern.compile("/d/([\\w-]+)");

    @Test
    void everyDashboardIsShippedWithItsStableUid() {
        Map<String, String> shipped = new TreeMap<>();
        for (Dashboard dashboard : Dashboards.all()) {
            shipped.put(dashboard.file().getFileName().toString(), dashboard.uid());
        }
        assertEquals(new TreeMap<>(UIDS), shipped);
    }

    @Test
    void everyShippedDashboardPassesEveryRule() {
        List<String> problems = new ArrayList<>();
        for (Dashboard dashboard : Dashboards.all()) {
            problems.addAll(DashboardLint.check(dashboard, Provisioning.datasourceTypes()));
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    void linksBetweenDashboardsResolve() {
        Set<String> uids = Set.copyOf(UIDS.values());
        int links = 0;
        for (Dashboard dashboard : Dashboards.all()) {
            Matcher m = DASHBOARD_LINK.matcher(dashboard.json().toString());
            while (m.find()) {
                links++;
                assertTrue(uids.contains(m.group(1)), dashboard + " links to unknown dashboard " + m.group(1));
            }
        }
        assertTrue(links > 0, "the dashboards should link to each other's panels");
    }

    @Test
    void theLongTermDashboardDefaultsToTheLongTermDatasource() {
        Dashboard longTerm = Dashboards.all().stream().filter(d -> d.uid().equals("hookmeter-longterm"))
                .findFirst().orElseThrow();
        assertEquals("prometheus-longterm", longTerm.variable("datasource").path("current").path("value").asText());
    }

    /** The long-term Prometheus only has what the main one remote-writes to it: the dashboard may use nothing else. */
    @Test
    void theLongTermDashboardOnlyUsesSeriesTheLongTermTierReceives() {
        Pattern received = LongTermWrite.keptNames();
        Dashboard longTerm = Dashboards.all().stream().filter(d -> d.uid().equals("hookmeter-longterm"))
                .findFirst().orElseThrow();
        List<String> queries = new ArrayList<>(longTerm.queries().stream().map(Query::expr).toList());
        longTerm.variables().stream().map(Dashboards.LabelValues::of).filter(java.util.Objects::nonNull)
                .map(Dashboards.LabelValues::selector).forEach(queries::add);
        for (String expr : queries) {
            for (PromQl.Selector selector : PromQl.selectors(expr)) {
                // A name regex (the variables' {__name__=~"..."}) must be the remote write's own regex.
                assertTrue(received.matcher(selector.name()).matches() || received.pattern().equals(selector.name()),
                        selector.name() + " is not written to the long-term Prometheus: " + expr);
            }
        }
    }

    /** promtool parses every query, with the variables replaced as Grafana would (All selected). */
    @Test
    void everyQueryIsValidPromQl(@TempDir Path dir) throws IOException {
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        int n = 0;
        ObjectMapper json = new ObjectMapper();
        for (Dashboard dashboard : Dashboards.all()) {
            Map<String, String> values = lintValues(dashboard);
            List<String> exprs = new ArrayList<>();
            dashboard.queries().stream().map(Query::expr).forEach(exprs::add);
            for (JsonNode variable : dashboard.variables()) {
                Dashboards.LabelValues labelValues = Dashboards.LabelValues.of(variable);
                if (labelValues != null) {
                    exprs.add(labelValues.selector());
                }
            }
            for (String expr : exprs) {
                rules.append("      - record: dashboard_query_").append(n++).append('\n')
                        .append("        expr: ").append(json.writeValueAsString(GrafanaMacros.substitute(expr, values)))
                        .append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("dashboard-queries.yml"), rules);
        CommandResult result = Commands.run(List.of(Binaries.require(Binaries.PROMTOOL).toString(), "check", "rules",
                file.toString()), null, Map.of(), dir, Duration.ofMinutes(1));
        assertEquals(0, result.exitCode(), result + "\n" + rules);
        assertTrue(result.out().contains("SUCCESS: " + n + " rules found"), result.out());
    }

    @Test
    void aDashboardBreakingTheRulesIsCaught() throws IOException {
        ObjectNode bad = (ObjectNode) new ObjectMapper().readTree("""
                {"uid": "bad", "title": "Bad", "description": "breaks every rule", "schemaVersion": 27,
                 "time": {"from": "now-1h", "to": "now"}, "refresh": "7s",
                 "timepicker": {"refresh_intervals": ["30s"]}, "tags": [], "links": [],
                 "templating": {"list": [
                   {"name": "datasource", "type": "datasource", "query": "prometheus",
                    "current": {"value": "nowhere"}},
                   {"name": "job", "type": "query", "datasource": {"uid": "${datasource}"},
                    "query": "label_values(up, job)", "multi": false, "includeAll": true, "allValue": ".*"},
                   {"name": "unused", "type": "query", "datasource": {"uid": "${datasource}"},
                    "query": {"qryType": 1, "query": "label_values(up, unused)"}, "multi": true,
                    "includeAll": true, "allValue": ".+"}
                 ]},
                 "panels": [
                   {"id": 1, "type": "timeseries", "title": "Raw counter", "description": "d",
                    "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8}, "datasource": {"uid": "elsewhere"},
                    "fieldConfig": {"defaults": {"unit": "furlongs"}},
                    "targets": [{"refId": "A", "datasource": {"uid": "${datasource}"},
                                 "expr": "sum(hookmeter_prompts_total{job=~\\"$job\\"})"}]},
                   {"id": 1, "type": "timeseries", "title": "Fixed range", "description": "",
                    "gridPos": {"x": 6, "y": 4, "w": 12, "h": 8}, "datasource": {"uid": "${datasource}"},
                    "fieldConfig": {"defaults": {"unit": "s"}},
                    "targets": [{"refId": "A", "expr": "rate(node_load1_total{job=~\\"$job\\", instance=~\\"$instance\\"}[5m]) + increase(hookmeter_turns_total{job=~\\"$job\\", instance=~\\"$instance\\"}[$__range])"},
                                {"refId": "B", "expr": "sum(rate(hookmeter_sessions_started_total{job=~\\"$job\\", instance=~\\"$instance\\"}[$__rate_interval])) * 3600 + sum(increase(hookmeter_prompts_total{job=~\\"$job\\", instance=~\\"$instance\\"}[$__interval]))"},
                                {"refId": "C", "expr": "sum(team:hookmeter_prompts:increase5m{job=~\\"$job\\", selection!~\\"$instance\\"})"}]},
                   {"id": 3, "type": "stat", "title": "Empty", "description": "nothing",
                    "gridPos": {"x": 0, "y": 20, "w": 6, "h": 4}, "fieldConfig": {"defaults": {"unit": "short"}},
                    "datasource": {"uid": "${datasource}"}, "targets": []}
                 ]}
                """);
        List<String> problems = DashboardLint.check(new Dashboard(Path.of("bad.json"), bad),
                Provisioning.datasourceTypes());
        String all = String.join("\n", problems);
        for (String expected : List.of(
                "schemaVersion 27", "refresh '7s'", "tag 'hookmeter'", "default 'nowhere'",
                "needs a query variable 'instance'", "variable job must be multi-select",
                "duplicate id 1", "'Fixed range' needs a title and a description", "unknown unit 'furlongs'",
                "'Empty' has no targets", "overlap", "uses datasource 'elsewhere'",
                "selector hookmeter_prompts_total must filter instance",
                "selector team:hookmeter_prompts:increase5m must filter instance",
                "counter hookmeter_prompts_total must be used inside rate",
                "range [5m] of node_load1_total", "[$__range] only makes sense in an instant query",
                "variable unused is never used", "variable unused must give its query as a label_values(...) string",
                "rate(...[$__rate_interval]) * 3600", "give the panel an interval")) {
            assertTrue(all.contains(expected), "expected a problem about '" + expected + "' in:\n" + all);
        }
    }

    /** A raw dashboard whose picker offers the long-term server (which has none of its series) is caught. */
    @Test
    void aRawDashboardOfferingTheLongTermServerIsCaught() {
        Dashboard tools = Dashboards.all().stream().filter(d -> d.uid().equals("hookmeter-tools")).findFirst()
                .orElseThrow();
        ObjectNode json = tools.json().deepCopy();
        for (JsonNode variable : json.path("templating").path("list")) {
            if (variable.path("name").asText().equals("datasource")) {
                ((ObjectNode) variable).put("regex", "");
            }
        }
        List<String> problems = DashboardLint.check(new Dashboard(tools.file(), json), Provisioning.datasourceTypes());
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("offers [prometheus, prometheus-longterm]"), problems.get(0));
    }

    /** Values for a syntax check: All for every query variable, fixed sizes for Grafana's ranges. */
    static Map<String, String> lintValues(Dashboard dashboard) {
        Map<String, String> values = new HashMap<>(Map.of("__rate_interval", "1m", "__interval", "1m",
                "__range", "1h", "__range_s", "3600"));
        for (JsonNode variable : dashboard.variables()) {
            values.put(variable.path("name").asText(), variable.path("type").asText().equals("query")
                    ? variable.path("allValue").asText() : variable.path("current").path("value").asText());
        }
        return values;
    }
}
