package io.hookmeter.hook.it;

import io.hookmeter.harness.Binaries;
import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import io.hookmeter.hook.claude.EventContext;
import io.hookmeter.hook.claude.EventRecorder;
import io.hookmeter.hook.claude.HookEventParser;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.push.TextExposition;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.StateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the hook pushes passes `promtool check metrics` (names, units, types, help). */
class ExpositionLintIT {
    @Test
    void everyBuiltInFamilyPassesPromtool(@TempDir Path dir) throws Exception {
        // One call in a git work tree: a family where some series have the project label and some lack it.
        String repo = Files.createDirectories(dir.resolve("shop/.git")).getParent().toString();
        MetricsState state = StateStore.fresh();
        EventRecorder recorder = new EventRecorder(List.of());
        EventContext context = new EventContext(HookConfig.load(Map.of()), message -> { }, 1_700_000_000_000L,
                () -> 1000);
        for (String event : List.of(
                "{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Read\",\"duration_ms\":3}",
                "{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Read\",\"duration_ms\":3,\"cwd\":\"" + repo + "\"}",
                "{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Grep\"}",
                "{\"hook_event_name\":\"PostToolUseFailure\",\"tool_name\":\"Bash\",\"error\":\"Exit code 2\","
                        + "\"tool_input\":{\"command\":\"git push\"},\"duration_ms\":9}",
                "{\"hook_event_name\":\"PermissionDenied\",\"tool_name\":\"Bash\"}",
                "{\"hook_event_name\":\"SessionStart\",\"source\":\"startup\"}",
                "{\"hook_event_name\":\"UserPromptSubmit\"}",
                "{\"hook_event_name\":\"Stop\"}",
                "{\"hook_event_name\":\"StopFailure\",\"error\":\"rate_limit\"}",
                "{\"hook_event_name\":\"SubagentStart\",\"agent_id\":\"a\",\"agent_type\":\"Plan\"}",
                "{\"hook_event_name\":\"SubagentStop\",\"agent_id\":\"a\",\"agent_type\":\"Plan\"}",
                "{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_use_id\":\"r\"}",
                "{\"hook_event_name\":\"PermissionRequest\",\"tool_name\":\"Bash\"}",
                "{\"hook_event_name\":\"PostToolBatch\",\"tool_calls\":[{\"tool_use_id\":\"r\","
                        + "\"tool_response\":\"needs approval\"}]}",
                "{\"hook_event_name\":\"MessageDisplay\",\"final\":true}",
                "{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_use_id\":\"i\"}",
                "{\"hook_event_name\":\"PreCompact\",\"trigger\":\"auto\"}",
                "{\"hook_event_name\":\"Notification\",\"notification_type\":\"idle_prompt\"}",
                "{\"hook_event_name\":\"SessionEnd\",\"reason\":\"exit\"}",
                "{\"hook_event_name\":\"Unknown\"}")) {
            recorder.record(HookEventParser.parse(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8))),
                    state, context);
        }
        io.hookmeter.hook.spool.HookDuration.family(state).observe(0.05, "Stop");
        for (String family : List.of("hookmeter_tool_permission_denials_total", "hookmeter_tool_unmeasured_calls_total",
                "hookmeter_subagent_duration_seconds", "hookmeter_tool_batches_total",
                "hookmeter_messages_displayed_total", "hookmeter_permission_requests_total")) {
            assertNotNull(state.family(family), family + " is linted too");
        }
        CommandResult lint = Commands.run(List.of(Binaries.require(Binaries.PROMTOOL).toString(), "check", "metrics"),
                TextExposition.render(state).getBytes(StandardCharsets.UTF_8), Map.of(), null, Duration.ofSeconds(30));
        assertEquals(0, lint.exitCode(), lint.toString());
        assertTrue(TextExposition.render(state).contains("project=\"shop\""));
        assertEquals("", lint.out().strip() + lint.err().strip(), "no lint findings: " + lint);
    }
}
