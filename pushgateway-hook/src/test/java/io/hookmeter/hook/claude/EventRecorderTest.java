package io.hookmeter.hook.claude;

import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.state.CounterFamily;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.SelfMetrics;
import io.hookmeter.hook.state.Series;
import io.hookmeter.hook.state.StateStore;
import io.hookmeter.hook.toolcall.ToolMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventRecorderTest {
    private final MetricsState state = StateStore.fresh();
    private final List<String> log = new ArrayList<>();
    private final List<HookEvent> seen = new ArrayList<>();
    private final EventRecorder recorder = new EventRecorder(List.of((event, s, context) -> seen.add(event)));

    private boolean record(String json, long startMillis) throws MalformedEventException {
        HookEvent event = HookEventParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        return recorder.record(event, state, new EventContext(HookConfig.load(Map.of()), log::add, startMillis,
                () -> 1000));
    }

    private double counter(String name, String... labels) {
        return ((CounterFamily) state.family(name)).value(labels);
    }

    @Test
    void postToolUseRecordsDurationFileOperationAndLastCall() throws Exception {
        record("{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Read\",\"tool_use_id\":\"t\","
                + "\"tool_response\":{\"big\":[1,2,3]},\"duration_ms\":250,\"new_field\":{\"x\":1}}", 1_700_000_000_500L);
        Series read = ToolMetrics.duration(state).find("Read", "success", "main");
        assertEquals(1, read.count());
        assertEquals(0.25, read.sum());
        assertEquals(1, read.bucketCounts()[5], "0.25 falls into le=0.25");
        assertEquals(1_700_000_000.5, ToolMetrics.lastCall(state).value("Read"));
        assertEquals(1, counter("hookmeter_file_operations_total", "read"));
        assertEquals(1, seen.size(), "listeners see the event");
    }

    @Test
    void toolCallsInAGitWorkTreeCarryItsProjectAndOthersNone(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("billing/.git")).getParent();
        String cwd = repo.resolve("web").toString().replace("\\", "\\\\");
        record("{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Read\",\"duration_ms\":5,\"cwd\":\"" + cwd
                + "\"}", 1_000);
        record("{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Read\",\"duration_ms\":5,\"cwd\":\"" + dir
                + "\"}", 2_000);
        record("{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Read\",\"duration_ms\":5}", 3_000);
        assertEquals(1, ToolMetrics.duration(state).find("Read", "success", "main", "billing").count());
        assertEquals(0, ToolMetrics.duration(state).find("Read", "error", "main", "billing").count(),
                "the error series exists at zero per project too");
        assertEquals(2, ToolMetrics.duration(state).find("Read", "success", "main").count(), "no project: none");
        assertEquals(3.0, ToolMetrics.lastCall(state).value("Read"), "the last call is per tool only");
    }

    @Test
    void failuresCarryExitCodesGitSubcommandsAndInterrupts() throws Exception {
        record("{\"hook_event_name\":\"PostToolUseFailure\",\"tool_name\":\"Bash\",\"tool_use_id\":\"t\","
                + "\"tool_input\":{\"command\":\"cd x && git -C repo commit -m 'a b' ; /usr/bin/git frobnicate\"},"
                + "\"error\":\"Exit code 128\\nfatal: no\",\"duration_ms\":40}", 0);
        record("{\"hook_event_name\":\"PostToolUseFailure\",\"tool_name\":\"Bash\",\"is_interrupt\":true,"
                + "\"error\":\"Interrupted\",\"duration_ms\":1000,\"agent_id\":\"a1\",\"agent_type\":\"Explore\"}", 0);
        record("{\"hook_event_name\":\"PostToolUseFailure\",\"tool_name\":\"Write\",\"error\":\"Exit code 3\","
                + "\"duration_ms\":1}", 0);
        assertEquals(1, ToolMetrics.duration(state).find("Bash", "error", "main").count());
        assertEquals(1, ToolMetrics.duration(state).find("Bash", "interrupted", "Explore").count());
        assertEquals(1, counter(ToolMetrics.EXIT_CODES, "Bash", "128"));
        assertEquals(0, counter(ToolMetrics.EXIT_CODES, "Write", "3"), "exit codes only for shell tools");
        assertEquals(1, counter("hookmeter_git_commands_total", "commit"));
        assertEquals(1, counter("hookmeter_git_commands_total", "other"));
        assertNull(state.family("hookmeter_file_operations_total"), "failed writes are not file operations");
    }

    @Test
    void preToolUsePairsWithAPostWithoutDurationAndNeverInventsOne() throws Exception {
        record("{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Grep\",\"tool_use_id\":\"abc\"}", 10_000);
        record("{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Grep\",\"tool_use_id\":\"abc\"}", 10_750);
        Series grep = ToolMetrics.duration(state).find("Grep", "success", "main");
        assertEquals(0.75, grep.sum());
        assertNull(PendingStarts.load(state).finish("abc", 0), "the pending start was used up");

        record("{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Grep\",\"tool_use_id\":\"zzz\"}", 20_000);
        assertEquals(1, grep.count(), "no duration is invented");
        assertEquals(1, counter(ToolMetrics.UNMEASURED, "Grep", "success", "main"));
    }

    @Test
    void pendingStartsExpireAfterAnHourAndAreCounted() throws Exception {
        record("{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_use_id\":\"old\"}", 0);
        record("{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Read\",\"tool_use_id\":\"new\"}",
                PendingStarts.EXPIRY_MS + 1);
        PendingStarts pending = PendingStarts.load(state);
        assertNull(pending.finish("old", 0));
        assertEquals(PendingStarts.EXPIRY_MS + 1, pending.finish("new", 0).millis());
        assertEquals(1, counter(ToolMetrics.UNMEASURED, "Bash", "expired", "main"), "nothing expires silently");
    }

    @Test
    void sessionAndTurnEvents() throws Exception {
        record("{\"hook_event_name\":\"SessionStart\",\"source\":\"resume\",\"model\":\"claude-opus-4-5\"}", 0);
        record("{\"hook_event_name\":\"SessionEnd\",\"reason\":\"logout\"}", 0);
        record("{\"hook_event_name\":\"UserPromptSubmit\",\"prompt\":\"hello\"}", 0);
        record("{\"hook_event_name\":\"Stop\",\"stop_hook_active\":false}", 0);
        record("{\"hook_event_name\":\"StopFailure\",\"error\":\"rate_limit\"}", 0);
        record("{\"hook_event_name\":\"SubagentStop\",\"agent_id\":\"a\",\"agent_type\":\"Plan\"}", 0);
        record("{\"hook_event_name\":\"PreCompact\",\"trigger\":\"auto\"}", 0);
        record("{\"hook_event_name\":\"Notification\",\"message\":\"m\",\"notification_type\":\"idle_prompt\"}", 0);
        record("{\"hook_event_name\":\"PermissionDenied\",\"tool_name\":\"Bash\",\"reason\":\"no\"}", 0);
        assertEquals(1, counter("hookmeter_sessions_started_total", "resume"));
        assertEquals(1, counter("hookmeter_sessions_ended_total", "logout"));
        assertEquals(1, counter("hookmeter_prompts_total", "user"));
        assertEquals(1, counter("hookmeter_turns_total"));
        assertEquals(1, counter("hookmeter_turn_failures_total", "rate_limit"));
        assertEquals(1, counter("hookmeter_subagents_total", "Plan"));
        assertEquals(1, counter("hookmeter_compactions_total", "auto"));
        assertEquals(1, counter("hookmeter_notifications_total", "idle_prompt"));
        assertEquals(1, counter("hookmeter_tool_permission_denials_total", "Bash", "auto_mode"));
        assertEquals(9, seen.size());
    }

    @Test
    void unknownEventsAndMissingFieldsAreCountedNotRecorded() throws Exception {
        assertFalse(record("{\"hook_event_name\":\"SomethingNew\",\"x\":1}", 0));
        assertFalse(record("{\"hook_event_name\":\"PostToolUse\",\"duration_ms\":3}", 0));
        assertFalse(record("{\"session_id\":\"s\"}", 0));
        assertEquals(1, SelfMetrics.rejected(state).value("unknown_event"));
        assertEquals(2, SelfMetrics.rejected(state).value("missing_field"));
        assertTrue(seen.isEmpty(), "listeners only see known, well-formed events");
    }

    @Test
    void aFailingListenerIsCountedAndTheBuiltInMetricsStay() throws Exception {
        EventRecorder failing = new EventRecorder(List.of((event, s, context) -> {
            throw new IllegalStateException("boom");
        }));
        HookEvent event = HookEventParser.parse(new ByteArrayInputStream(
                "{\"hook_event_name\":\"Stop\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(failing.record(event, state, new EventContext(HookConfig.load(Map.of()), log::add, 0, () -> 1)));
        assertEquals(1, counter("hookmeter_turns_total"));
        assertEquals(1, SelfMetrics.rejected(state).value("listener_error"));
    }

    @Test
    void malformedInputHasABoundedReason() {
        assertEquals("empty", reason(""));
        assertEquals("malformed_json", reason("{\"hook_event_name\":"));
        assertEquals("malformed_json", reason("[1,2]"));
        assertEquals("malformed_json", reason("{} {}"));
        assertEquals("invalid_field", reason("{\"hook_event_name\":42}"));
        assertEquals("invalid_field", reason("{\"hook_event_name\":\"PostToolUse\",\"duration_ms\":\"fast\"}"));
        assertEquals("invalid_field", reason("{\"hook_event_name\":\"PostToolUse\",\"duration_ms\":-1}"));
        assertEquals("malformed_json", reason("[".repeat(5000)));
    }

    private static String reason(String input) {
        return assertThrows(MalformedEventException.class,
                () -> HookEventParser.parse(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))))
                .reason();
    }
}
