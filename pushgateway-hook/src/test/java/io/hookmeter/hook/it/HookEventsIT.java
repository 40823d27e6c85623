package io.hookmeter.hook.it;

import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import io.hookmeter.hook.state.CounterFamily;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.StateStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Hook events in, exact series out: read back from the real Pushgateway. */
@ExtendWith(RealServers.class)
class HookEventsIT {
    private static ManagedProcess pushgateway;
    private static Servers servers;

    @BeforeAll
    static void start(Servers shared) {
        servers = shared;
        pushgateway = shared.pushgateway(HookRuns.IN_MEMORY);
    }

    @ParameterizedTest
    @EnumSource(HookRuns.Way.class)
    void everyEventTypeGivesItsExactSeries(HookRuns.Way way) {
        HookRuns runs = new HookRuns(servers, pushgateway.url(), "events-" + way, way);
        runs.hook("{\"session_id\":\"s1\",\"transcript_path\":\"/tmp/none.jsonl\",\"cwd\":\"/tmp\","
                + "\"hook_event_name\":\"SessionStart\",\"source\":\"startup\",\"model\":\"claude-opus-4-5\"}");
        runs.hook("{\"session_id\":\"s1\",\"hook_event_name\":\"UserPromptSubmit\",\"prompt\":\"fix it\"}");
        runs.hook("{\"session_id\":\"s1\",\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Read\","
                + "\"tool_input\":{\"file_path\":\"/a\"},\"tool_response\":{\"content\":\"x\"},\"tool_use_id\":\"t1\","
                + "\"duration_ms\":250}");
        runs.hook("{\"session_id\":\"s1\",\"hook_event_name\":\"PostToolUseFailure\",\"tool_name\":\"Bash\","
                + "\"tool_input\":{\"command\":\"git status && git push\"},\"tool_use_id\":\"t2\","
                + "\"error\":\"Exit code 1\\nrejected\",\"duration_ms\":1200}");
        runs.hook("{\"session_id\":\"s1\",\"hook_event_name\":\"PostToolUseFailure\",\"tool_name\":\"Bash\","
                + "\"tool_use_id\":\"t3\",\"error\":\"Interrupted by user\",\"is_interrupt\":true,\"duration_ms\":3,"
                + "\"agent_id\":\"a7\",\"agent_type\":\"Explore\"}");
        runs.hook("{\"session_id\":\"s1\",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Edit\","
                + "\"tool_use_id\":\"t4\",\"tool_input\":{}}");
        runs.hook("{\"session_id\":\"s1\",\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Edit\","
                + "\"tool_use_id\":\"t4\",\"tool_response\":{}}");
        runs.hook("{\"session_id\":\"s1\",\"hook_event_name\":\"PermissionDenied\",\"tool_name\":\"WebFetch\","
                + "\"tool_use_id\":\"t5\",\"reason\":\"denied by rule\"}");
        runs.hook("{\"session_id\":\"s1\",\"hook_event_name\":\"Notification\",\"message\":\"waiting\","
                + "\"notification_type\":\"idle_prompt\"}");
        runs.hook("{\"session_id\":\"s1\",\"hook_event_name\":\"PreCompact\",\"trigger\":\"manual\"}");
        runs.hook("{\"session_id\":\"s1\",\"hook_event_name\":\"SubagentStop\",\"agent_id\":\"a7\","
                + "\"agent_type\":\"Explore\",\"stop_hook_active\":false}");
        runs.hook("{\"session_id\":\"s1\",\"hook_event_name\":\"Stop\",\"stop_hook_active\":false}");
        runs.hook("{\"session_id\":\"s1\",\"hook_event_name\":\"StopFailure\",\"error\":\"overloaded\"}");
        runs.hook("{\"session_id\":\"s1\",\"hook_event_name\":\"SessionEnd\",\"reason\":\"prompt_input_exit\"}");
        runs.hook("{\"session_id\":\"s1\",\"hook_event_name\":\"BrandNewEvent\"}");

        Scrape scrape = runs.pushed();
        String all = scrape.toString();
        String duration = "hookmeter_tool_duration_seconds";
        assertEquals(0, scrape.value(duration + "_bucket", "tool", "Read", "outcome", "success", "agent", "main",
                "le", "0.1"), all);
        assertEquals(1, scrape.value(duration + "_bucket", "tool", "Read", "outcome", "success", "agent", "main",
                "le", "0.25"), all);
        assertEquals(1, scrape.value(duration + "_bucket", "tool", "Read", "outcome", "success", "agent", "main",
                "le", "+Inf"), all);
        assertEquals(1, scrape.value(duration + "_count", "tool", "Read", "outcome", "success", "agent", "main"));
        assertEquals(0.25, scrape.value(duration + "_sum", "tool", "Read", "outcome", "success", "agent", "main"));
        assertEquals(0, scrape.value(duration + "_bucket", "tool", "Bash", "outcome", "error", "agent", "main",
                "le", "1"), all);
        assertEquals(1, scrape.value(duration + "_bucket", "tool", "Bash", "outcome", "error", "agent", "main",
                "le", "2.5"), all);
        assertEquals(1.2, scrape.value(duration + "_sum", "tool", "Bash", "outcome", "error", "agent", "main"));
        assertEquals(1, scrape.value(duration + "_bucket", "tool", "Bash", "outcome", "interrupted",
                "agent", "Explore", "le", "0.005"), all);
        assertEquals(1, scrape.value(duration + "_count", "tool", "Edit", "outcome", "success", "agent", "main"),
                "PreToolUse/PostToolUse pairing gave Edit a duration: " + all);
        assertEquals(1, scrape.value("hookmeter_tool_exit_codes_total", "tool", "Bash", "code", "1"), all);
        assertEquals(1, scrape.value("hookmeter_git_commands_total", "subcommand", "status"), all);
        assertEquals(1, scrape.value("hookmeter_git_commands_total", "subcommand", "push"), all);
        assertEquals(1, scrape.value("hookmeter_file_operations_total", "operation", "read"), all);
        assertEquals(1, scrape.value("hookmeter_file_operations_total", "operation", "edit"), all);
        assertEquals(1, scrape.value("hookmeter_tool_permission_denials_total", "tool", "WebFetch",
                "denied_by", "auto_mode"), all);
        assertEquals(1, scrape.value("hookmeter_sessions_started_total", "source", "startup"), all);
        assertEquals(1, scrape.value("hookmeter_sessions_ended_total", "reason", "prompt_input_exit"), all);
        assertEquals(1, scrape.value("hookmeter_prompts_total", "origin", "user"), all);
        assertEquals(1, scrape.value("hookmeter_turns_total"), all);
        assertEquals(1, scrape.value("hookmeter_turn_failures_total", "error", "overloaded"), all);
        assertEquals(1, scrape.value("hookmeter_subagents_total", "agent_type", "Explore"), all);
        assertEquals(1, scrape.value("hookmeter_compactions_total", "trigger", "manual"), all);
        assertEquals(1, scrape.value("hookmeter_notifications_total", "type", "idle_prompt"), all);
        assertEquals(1, scrape.value("hookmeter_events_rejected_total", "reason", "unknown_event"), all);
        assertEquals(0, scrape.value("hookmeter_push_failures_total"), all);
        assertEquals(0, scrape.value("hookmeter_state_recoveries_total"), all);
        assertEquals(2, scrape.value("hookmeter_hook_duration_seconds_count", "event", "PostToolUseFailure"), all);
        assertEquals(1, scrape.value("hookmeter_hook_duration_seconds_count", "event", "unknown"), all);
        assertEquals(15, scrape.all().stream().filter(s -> s.name().equals("hookmeter_hook_duration_seconds_count"))
                .mapToDouble(Scrape.Sample::value).sum(), 0.0, "one hook duration per run: " + all);
        scrape.all().forEach(sample -> sample.labels().values().forEach(value ->
                assertEquals(false, value.contains("s1") || value.contains("/tmp") || value.contains("git "),
                        "no session ids, paths or commands as label values: " + sample)));
    }

    @ParameterizedTest
    @EnumSource(HookRuns.Way.class)
    void anInstanceNameWithASlashAndSpacesReachesItsOwnGroup(HookRuns.Way way) {
        HookRuns runs = new HookRuns(servers, pushgateway.url(), "team box/2 (dev) " + way, way);
        runs.hook("{\"hook_event_name\":\"UserPromptSubmit\",\"prompt\":\"x\"}");
        assertEquals(1, runs.pushed().value("hookmeter_prompts_total", "origin", "user"));
    }

    /** Both cores saturated by busy loops (a machine that is compiling), 16 writers at once: exact totals. */
    @ParameterizedTest
    @EnumSource(HookRuns.Way.class)
    void sixteenParallelHooksTimesFiftyEventsOnSaturatedCoresGiveExactTotals(HookRuns.Way way) throws Exception {
        HookRuns runs = new HookRuns(servers, pushgateway.url(), "parallel-" + way, way)
                // Exactness is what this test is about, not the push timeouts on a loaded CI machine.
                .config("push.connect_timeout_ms=20000\npush.timeout_ms=20000\n");
        BusyCores busy = BusyCores.start(Runtime.getRuntime().availableProcessors());
        int workers = 16;
        int events = 50;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String tool = "Tool" + (w % 4);
            done.add(pool.submit(() -> {
                for (int i = 0; i < events; i++) {
                    runs.hook("{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"" + tool + "\","
                            + "\"tool_use_id\":\"x\",\"duration_ms\":" + (i % 2 == 0 ? 20 : 700) + "}");
                }
                return null;
            }));
        }
        try {
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
            busy.stop();
        }

        Scrape scrape = runs.pushed();
        double count = 0;
        for (int t = 0; t < 4; t++) {
            String tool = "Tool" + t;
            Double perTool = scrape.value("hookmeter_tool_duration_seconds_count", "tool", tool, "outcome", "success",
                    "agent", "main");
            assertEquals(workers / 4 * events, perTool, tool + ": " + scrape);
            assertEquals(workers / 4 * events / 2, scrape.value("hookmeter_tool_duration_seconds_bucket", "tool", tool,
                    "outcome", "success", "agent", "main", "le", "0.025"), tool);
            assertEquals(workers / 4 * events / 2 * (0.02 + 0.7), scrape.value("hookmeter_tool_duration_seconds_sum",
                    "tool", tool, "outcome", "success", "agent", "main"), 1e-6, tool);
            count += perTool;
        }
        assertEquals(workers * events, count);
        assertEquals(workers * events, scrape.value("hookmeter_hook_duration_seconds_count", "event", "PostToolUse"));
        MetricsState state = new StateStore(runs.home, message -> { }).readOnly();
        assertEquals(0, ((CounterFamily) state.family("hookmeter_push_failures_total")).value());
    }
}
