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
    /** Every family the simulation writes for the agent, with its labels. */
    private static final Map<String, Set<String>> LABELS = Map.ofEntries(
            Map.entry("hookmeter_tool_duration_seconds_bucket", with("project", "tool", "outcome", "agent", "le")),
            Map.entry("hookmeter_tool_duration_seconds_sum", with("project", "tool", "outcome", "agent")),
            Map.entry("hookmeter_tool_duration_seconds_count", with("project", "tool", "outcome", "agent")),
            Map.entry("hookmeter_tokens_total", with("project", "model", "type")),
            Map.entry("hookmeter_cost_usd_total", with("project", "model")),
            Map.entry("hookmeter_api_requests_total", with("project", "model")),
            Map.entry("hookmeter_prompts_total", GROUP),
            Map.entry("hookmeter_turns_total", GROUP),
            Map.entry("hookmeter_tool_last_call_timestamp_seconds", with("tool")),
            Map.entry("hookmeter_tool_unmeasured_calls_total", with("tool", "outcome", "agent")),
            Map.entry("hookmeter_permission_requests_total", with("tool")),
            Map.entry("hookmeter_tool_permission_denials_total", with("tool", "denied_by")),
            Map.entry("hookmeter_tool_exit_codes_total", with("tool", "code")),
            Map.entry("hookmeter_file_operations_total", with("operation")),
            Map.entry("hookmeter_lines_of_code_total", with("type")),
            Map.entry("hookmeter_git_commands_total", with("subcommand")),
            Map.entry("hookmeter_notifications_total", with("type")),
            Map.entry("hookmeter_subagents_started_total", with("agent_type")),
            Map.entry("hookmeter_subagents_total", with("agent_type")),
            Map.entry("hookmeter_subagent_duration_seconds_bucket", with("agent_type", "le")),
            Map.entry("hookmeter_subagent_duration_seconds_sum", with("agent_type")),
            Map.entry("hookmeter_subagent_duration_seconds_count", with("agent_type")),
            Map.entry("hookmeter_subagent_tokens_total", with("agent_type", "model", "type")),
            Map.entry("hookmeter_subagent_cost_usd_total", with("agent_type", "model")),
            Map.entry("hookmeter_unpriced_tokens_total", with("model")),
            Map.entry("hookmeter_sessions_started_total", with("source")),
            Map.entry("hookmeter_sessions_ended_total", with("reason")),
            Map.entry("hookmeter_session_duration_seconds_bucket", with("reason", "le")),
            Map.entry("hookmeter_session_duration_seconds_sum", with("reason")),
            Map.entry("hookmeter_session_duration_seconds_count", with("reason")),
            Map.entry("hookmeter_turn_duration_seconds_bucket", with("outcome", "le")),
            Map.entry("hookmeter_turn_duration_seconds_sum", with("outcome")),
            Map.entry("hookmeter_turn_duration_seconds_count", with("outcome")),
            Map.entry("hookmeter_turn_failures_total", with("error")),
            Map.entry("hookmeter_compactions_total", with("trigger")),
            Map.entry("hookmeter_rate_limit_used_ratio", with("window")),
            Map.entry("hookmeter_rate_limit_resets_at_timestamp_seconds", with("window")),
            Map.entry("hookmeter_hook_duration_seconds_bucket", with("event", "le")),
            Map.entry("hookmeter_hook_duration_seconds_sum", with("event")),
            Map.entry("hookmeter_hook_duration_seconds_count", with("event")),
            Map.entry("hookmeter_events_applied_total", with("kind")),
            Map.entry("hookmeter_events_rejected_total", with("reason")),
            Map.entry("hookmeter_events_dropped_total", with("reason")),
            Map.entry("hookmeter_spool_batch_size_bucket", with("le")),
            Map.entry("hookmeter_spool_batch_size_sum", GROUP),
            Map.entry("hookmeter_spool_batch_size_count", GROUP),
            Map.entry("hookmeter_spool_apply_delay_seconds_bucket", with("le")),
            Map.entry("hookmeter_spool_apply_delay_seconds_sum", GROUP),
            Map.entry("hookmeter_spool_apply_delay_seconds_count", GROUP),
            Map.entry("hookmeter_spool_depth", GROUP),
            Map.entry("hookmeter_spool_oldest_event_timestamp_seconds", GROUP),
            Map.entry("hookmeter_agent_start_time_seconds", GROUP),
            Map.entry("hookmeter_push_failures_total", GROUP),
            Map.entry("hookmeter_state_recoveries_total", GROUP));
    /** Families of rare events (a refused permission, an unpriced model...): a short run may not have them. */
    private static final Set<String> RARE = Set.of("hookmeter_tool_permission_denials_total",
            "hookmeter_turn_failures_total", "hookmeter_unpriced_tokens_total", "hookmeter_events_rejected_total",
            "hookmeter_compactions_total", "hookmeter_tool_unmeasured_calls_total", "hookmeter_tool_exit_codes_total");
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
                + TeamStore.IMPORT + "\", protocol=\"vmimport\"} 4"),
                "one import request per developer, at the documented path");

        PrometheusApi api = new PrometheusApi(store);
        // The last import may take a moment to be searchable: wait for every machine's series.
        Set<String> instances = new TreeSet<>();
        JsonNode hosts = null;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (instances.size() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            hosts = api.api("series?match[]=" + encode("{__name__=~\"node_.*\"}") + "&start=" + (end - 6 * 3600)
                    + "&end=" + end);
            instances.clear();
            hosts.forEach(series -> instances.add(series.path("instance").asText()));
        }
        for (JsonNode series : hosts) {
            // The exporter's own labels (cpu, mode, device, mountpoint...) beside the machine's, and never a user.
            assertEquals("node", series.get("job").asText(), series.toString());
            assertEquals("sim", series.get("team").asText(), series.toString());
            assertFalse(series.has("user"), series.toString());
        }
        assertEquals(Set.of("dev000-laptop", "dev001-laptop", "dev002-laptop", "dev003-laptop"), instances);
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
            if (series.get("__name__").asText().equals("hookmeter_tool_duration_seconds_bucket")) {
                outcomes.add(series.get("outcome").asText());
                le.add(series.get("le").asText());
            }
        }
        Map<String, Set<Set<String>>> expected = new TreeMap<>();
        LABELS.forEach((name, labels) -> expected.put(name, Set.of(labels)));
        shapes.keySet().stream().filter(RARE::contains).toList().forEach(rare -> assertEquals(expected.get(rare),
                shapes.remove(rare), rare));
        RARE.forEach(expected::remove);
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
