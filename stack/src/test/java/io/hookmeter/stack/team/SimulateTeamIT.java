package io.hookmeter.stack.team;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import io.hookmeter.harness.Http;
import io.hookmeter.harness.Launchers;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.PrometheusApi;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** scripts/simulate-team against a real single-node VictoriaMetrics: the agent's families and label shapes. */
@ExtendWith(RealServers.class)
class SimulateTeamIT {
    private static final Set<String> GROUP = Set.of("__name__", "job", "instance", "user", "team");
    private static final Map<String, Set<String>> LABELS = Map.of(
            "hookmeter_tool_duration_seconds_bucket", with("project", "tool", "outcome", "agent", "le"),
            "hookmeter_tool_duration_seconds_sum", with("project", "tool", "outcome", "agent"),
            "hookmeter_tool_duration_seconds_count", with("project", "tool", "outcome", "agent"),
            "hookmeter_tokens_total", with("project", "model", "type"),
            "hookmeter_cost_usd_total", with("project", "model"),
            "hookmeter_api_requests_total", with("project", "model"),
            "hookmeter_prompts_total", GROUP,
            "hookmeter_turns_total", GROUP);
    /** The agent's duration buckets as it writes them (Double.toString of each bound). */
    private static final Set<String> LE = Set.of("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5",
            "5.0", "10.0", "30.0", "60.0", "120.0", "300.0", "600.0", "1800.0", "+Inf");

    @Test
    void writesTheAgentsFamiliesPerUserInstanceAndProjectAsIncreasingCounters(Servers servers) throws Exception {
        ManagedProcess store = servers.victoriaMetrics();
        long end = WorkingDay.lastAfternoon();
        CommandResult run = simulate("--url", store.url(), "--seed", "7", "--team", "sim", "--end",
                Long.toString(end), "4", "6");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("simulate-team: 4 developers, 360 steps of 60 s"), run.err());
        assertTrue(Http.getOk(store.url() + "/metrics").contains("vm_http_requests_total{path=\""
                + TeamStore.IMPORT + "\", protocol=\"vmimport\"} 4"), "one import request per developer, at the documented path");

        PrometheusApi api = new PrometheusApi(store);
        // The last import may take a moment to be searchable.
        JsonNode hosts = api.api("series?match[]=" + encode("{__name__=~\"node_.*\"}") + "&start="
                + (end - 6 * 3600) + "&end=" + end);
        for (long deadline = System.nanoTime() + 30_000_000_000L; hosts.size() < 12 && System.nanoTime() < deadline; ) {
            Thread.sleep(250);
            hosts = api.api("series?match[]=" + encode("{__name__=~\"node_.*\"}") + "&start=" + (end - 6 * 3600)
                    + "&end=" + end);
        }
        assertEquals(12, hosts.size(), "load, memory total and available of 4 machines: " + hosts);
        for (JsonNode series : hosts) {
            Set<String> names = new TreeSet<>();
            series.fieldNames().forEachRemaining(names::add);
            assertEquals(Set.of("__name__", "job", "instance", "team"), names, series.toString());
            assertEquals("node", series.get("job").asText());
        }
        Map<String, Set<Set<String>>> shapes = new TreeMap<>();
        Set<String> users = new TreeSet<>();
        Set<String> projects = new TreeSet<>();
        Set<String> outcomes = new TreeSet<>();
        Set<String> le = new TreeSet<>();
        for (JsonNode series : api.api("series?match[]=" + encode("{__name__=~\"hookmeter_.*\"}") + "&start="
                + (end - 6 * 3600) + "&end=" + end)) {
            Set<String> names = new TreeSet<>();
            series.fieldNames().forEachRemaining(names::add);
            shapes.computeIfAbsent(series.get("__name__").asText(), n -> new java.util.HashSet<>()).add(names);
            assertEquals("sim", series.get("team").asText());
            assertEquals(series.get("user").asText() + "-laptop", series.get("instance").asText());
            users.add(series.get("user").asText());
            projects.add(series.path("project").asText("-"));
            if (series.has("outcome")) {
                outcomes.add(series.get("outcome").asText());
            }
            if (series.has("le")) {
                le.add(series.get("le").asText());
            }
        }
        Map<String, Set<Set<String>>> expected = new TreeMap<>();
        LABELS.forEach((name, labels) -> expected.put(name, Set.of(labels)));
        assertEquals(expected, shapes);
        assertEquals(Set.of("dev000", "dev001", "dev002", "dev003"), users);
        assertTrue(projects.size() >= 3, "several projects: " + projects);
        assertTrue(Set.of("success", "error", "interrupted").containsAll(outcomes), outcomes.toString());
        assertEquals(LE, le);

        String at = "&time=" + end;
        assertEquals("[]", api.api("query?query=" + encode("sum(resets({__name__=~\"hookmeter_.*(_total|_count|"
                + "_sum|_bucket)\"}[6h])) > 0") + at).get("result").toString(), "counters never go down");
        assertEquals("[]", api.api("query?query=" + encode("hookmeter_tool_duration_seconds_bucket{le=\"+Inf\"} "
                + "!= ignoring(le) hookmeter_tool_duration_seconds_count") + at).get("result").toString(),
                "the +Inf bucket is the count");
        for (String increasing : List.of("hookmeter_tool_duration_seconds_count", "hookmeter_cost_usd_total",
                "hookmeter_tokens_total", "hookmeter_prompts_total")) {
            JsonNode total = api.api("query?query=" + encode("sum(increase(" + increasing + "[6h]))") + at)
                    .get("result");
            assertTrue(total.get(0).get("value").get(1).asDouble() > 0, increasing + ": " + total);
        }
    }

    @Test
    void theSameSeedAndEndGiveTheSameSeries() {
        byte[] first = simulate("--out", "-", "--seed", "3", "--end", "1796036400", "2", "1").out()
                .getBytes(StandardCharsets.UTF_8);
        byte[] again = simulate("--out", "-", "--seed", "3", "--end", "1796036400", "2", "1").out()
                .getBytes(StandardCharsets.UTF_8);
        byte[] other = simulate("--out", "-", "--seed", "4", "--end", "1796036400", "2", "1").out()
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(first.length > 1000);
        assertArrayEquals(first, again);
        assertFalse(java.util.Arrays.equals(first, other), "another seed, other series");
        CommandResult bad = simulate("--url", "not-a-url", "2", "1");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("not an http(s) URL"), bad.err());
    }

    private static CommandResult simulate(String... args) {
        List<String> command = new ArrayList<>(List.of(Launchers.repoRoot().resolve("scripts/simulate-team")
                .toString()));
        command.addAll(List.of(args));
        return Commands.run(command, null, Map.of(), Launchers.repoRoot(), Duration.ofMinutes(2));
    }

    private static Set<String> with(String... labels) {
        Set<String> all = new TreeSet<>(GROUP);
        all.addAll(List.of(labels));
        return all;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
