package io.hookmeter.hook.claude;

import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.state.CounterFamily;
import io.hookmeter.hook.state.HistogramFamily;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.SelfMetrics;
import io.hookmeter.hook.state.Series;
import io.hookmeter.hook.state.StateStore;
import io.hookmeter.hook.toolcall.ToolMetrics;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Refused, interrupted and subagent calls, prompts by origin and the newer events, with payloads shaped as the real
 * client (2.1.328) sent them in the end-to-end test.
 */
class UnfinishedCallsTest {
    private static final String S = "\"session_id\":\"s1\",\"prompt_id\":\"p1\",";
    private final MetricsState state = StateStore.fresh();
    private final List<String> log = new ArrayList<>();
    private final EventRecorder recorder = new EventRecorder(List.of());
    private long clock = 1_700_000_000_000L;

    private void record(String name, String fields) throws MalformedEventException {
        String json = "{" + S + "\"hook_event_name\":\"" + name + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
        HookEvent event = HookEventParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        clock += 100;
        assertTrue(recorder.record(event, state, new EventContext(HookConfig.load(Map.of()), log::add, clock,
                () -> 1000)), json);
    }

    private static String tool(String name, String id) {
        return "\"tool_name\":\"" + name + "\",\"tool_input\":{\"command\":\"x\"},\"tool_use_id\":\"" + id + "\"";
    }

    private static String batch(String id, String response) {
        return "\"tool_calls\":[{\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"x\"},\"tool_use_id\":\"" + id
                + "\",\"tool_response\":\"" + response + "\"}]";
    }

    private double counter(String name, String... labels) {
        CounterFamily family = (CounterFamily) state.family(name);
        return family == null ? 0 : family.value(labels);
    }

    @Test
    void aPromptClaudeCodeSubmitsItselfIsCountedApart() throws Exception {
        record("UserPromptSubmit", "\"prompt\":\"fix the build\"");
        record("Stop", "");
        record("UserPromptSubmit", "\"prompt\":\"<task-notification>\\n<task-id>a74b</task-id>\\n</task-notification>\"");
        record("Stop", "");
        assertEquals(1, counter("hookmeter_prompts_total", "user"));
        assertEquals(1, counter("hookmeter_prompts_total", "agent"));
        assertEquals(2, counter("hookmeter_turns_total"), "turns stay one per Stop");
    }

    @Test
    void aCallRefusedByTheRulesIsADenialNotAnInterruption() throws Exception {
        record("UserPromptSubmit", "\"prompt\":\"go\"");
        record("PreToolUse", tool("Bash", "t6"));
        record("PermissionRequest", "\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"x\"}");
        record("PostToolBatch", batch("t6", "touch in '/p/x' needs approval."));
        record("Stop", "");
        record("SessionEnd", "\"reason\":\"other\"");
        assertEquals(1, counter("hookmeter_permission_requests_total", "Bash"));
        assertEquals(1, counter("hookmeter_tool_permission_denials_total", "Bash", "rule"));
        assertEquals(1, counter("hookmeter_tool_batches_total"));
        assertNull(state.family(ToolMetrics.UNMEASURED), "a refusal is not an unmeasured call");
        assertNull(state.section(PendingStarts.SECTION));
    }

    @Test
    void noInTheDialogLeavesOnlyThePermissionRequestAndIsTheUsersRefusal() throws Exception {
        // As 2.1.328 does it: PreToolUse, PermissionRequest (no tool_use_id), then nothing for that call.
        record("UserPromptSubmit", "\"prompt\":\"sleep\"");
        record("PreToolUse", "\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"sleep 9\"},\"tool_use_id\":\"i1\"");
        record("UserPromptSubmit", "\"prompt\":\"ask\"");
        record("PreToolUse", "\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"touch a\"},\"tool_use_id\":\"a1\"");
        record("PermissionRequest", "\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"touch a\"}");
        record("UserPromptSubmit", "\"prompt\":\"hello\"");
        record("Stop", "");
        record("SessionEnd", "\"reason\":\"prompt_input_exit\"");
        assertEquals(1, counter("hookmeter_tool_permission_denials_total", "Bash", "user"));
        assertEquals(1, counter(ToolMetrics.UNMEASURED, "Bash", "interrupted", "main"), "only the Escape'd one");
    }

    @Test
    void aBatchWithTheDialogsRefusalTextIsTheUsers() throws Exception {
        record("PreToolUse", tool("Write", "w1"));
        record("PermissionRequest", "\"tool_name\":\"Write\"");
        record("PostToolBatch", "\"tool_calls\":[{\"tool_name\":\"Write\",\"tool_use_id\":\"w1\",\"tool_response\":"
                + "[{\"type\":\"text\",\"text\":\"The user doesn't want to proceed with this tool use. The tool use "
                + "was rejected.\"}]}]");
        record("SessionEnd", "\"reason\":\"prompt_input_exit\"");
        assertEquals(1, counter("hookmeter_tool_permission_denials_total", "Write", "user"));
    }

    @Test
    void autoModeDenialsAreCountedOnceThoughTheBatchListsThemToo() throws Exception {
        record("PreToolUse", tool("Bash", "d1"));
        record("PermissionDenied", tool("Bash", "d1") + ",\"reason\":\"risky\"");
        record("PostToolBatch", batch("d1", "Permission denied by auto mode"));
        record("SessionEnd", "\"reason\":\"other\"");
        assertEquals(1, counter("hookmeter_tool_permission_denials_total", "Bash", "auto_mode"));
        assertEquals(0, counter("hookmeter_tool_permission_denials_total", "Bash", "rule"));
    }

    @Test
    void aCallWithoutAnEndIsInterruptedAtTheNextTurnOrTheSessionEnd() throws Exception {
        record("UserPromptSubmit", "\"prompt\":\"sleep\"");
        record("PreToolUse", tool("Bash", "b1"));
        // Escape: no Post, no Stop. The next prompt is a boundary; the one after settles it.
        record("UserPromptSubmit", "\"prompt\":\"again\"");
        assertEquals(0, counter(ToolMetrics.UNMEASURED, "Bash", "interrupted", "main"), "a late Post may still come");
        record("Stop", "");
        assertEquals(1, counter(ToolMetrics.UNMEASURED, "Bash", "interrupted", "main"));

        record("PreToolUse", tool("Read", "r1"));
        record("SessionEnd", "\"reason\":\"prompt_input_exit\"");
        assertEquals(1, counter(ToolMetrics.UNMEASURED, "Read", "interrupted", "main"), "the session end settles all");
        assertNull(state.section(PendingStarts.SECTION));
    }

    @Test
    void eventsAppliedOutOfOrderStillGiveTheTruth() throws Exception {
        // A batch applied before its Post, a Post applied after the turn's Stop, a Post applied before its Pre.
        record("PreToolUse", tool("Read", "r1"));
        record("PostToolBatch", batch("r1", "1\\tone"));
        record("Stop", "");
        record("PostToolUse", tool("Read", "r1") + ",\"duration_ms\":12");
        record("PostToolUse", tool("Glob", "g1") + ",\"duration_ms\":5");
        record("PreToolUse", tool("Glob", "g1"));
        record("SessionEnd", "\"reason\":\"other\"");
        assertEquals(1, ToolMetrics.duration(state).find("Read", "success", "main").count());
        assertEquals(1, ToolMetrics.duration(state).find("Glob", "success", "main").count());
        assertEquals(0, counter("hookmeter_tool_permission_denials_total", "Read", "rule"));
        assertNull(state.family(ToolMetrics.UNMEASURED), "nothing was interrupted");
    }

    @Test
    void aBatchOrAPermissionRequestAppliedBeforeItsPreToolUseStillCounts() throws Exception {
        record("UserPromptSubmit", "\"prompt\":\"go\"");
        record("PermissionRequest", "\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"touch a\"}");
        record("PostToolBatch", batch("t6", "touch in '/p/a' needs approval."));
        record("PreToolUse", "\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"touch a\"},\"tool_use_id\":\"t6\"");
        record("PermissionRequest", "\"tool_name\":\"Write\",\"tool_input\":{\"file_path\":\"/p/b\"}");
        record("PreToolUse", "\"tool_name\":\"Write\",\"tool_input\":{\"file_path\":\"/p/b\"},\"tool_use_id\":\"w1\"");
        // A call that ran: its Post applied before its batch.
        record("PreToolUse", tool("Bash", "ok1"));
        record("PostToolUse", tool("Bash", "ok1") + ",\"duration_ms\":4");
        record("PostToolBatch", batch("ok1", "fine"));
        record("SessionEnd", "\"reason\":\"other\"");
        assertEquals(1, counter("hookmeter_tool_permission_denials_total", "Bash", "rule"));
        assertEquals(1, counter("hookmeter_tool_permission_denials_total", "Write", "user"));
        assertEquals(2, counter("hookmeter_permission_requests_total", "Bash")
                + counter("hookmeter_permission_requests_total", "Write"));
        assertNull(state.family(ToolMetrics.UNMEASURED), "nothing was interrupted");
    }

    @Test
    void aBackgroundSubagentsCallsOutliveTheMainThreadsTurns() throws Exception {
        String sub = "\"agent_id\":\"a74b\",\"agent_type\":\"general-purpose\",";
        record("SubagentStart", sub.substring(0, sub.length() - 1));
        record("PreToolUse", sub + tool("Bash", "s0"));
        record("Stop", "");
        record("UserPromptSubmit", "\"prompt\":\"next\"");
        record("Stop", "");
        assertEquals(0, counter(ToolMetrics.UNMEASURED, "Bash", "interrupted", "general-purpose"));
        record("PostToolUse", sub + tool("Bash", "s0") + ",\"duration_ms\":30");
        clock += 12_000;
        record("SubagentStop", sub + "\"stop_hook_active\":false");
        assertEquals(1, ToolMetrics.duration(state).find("Bash", "success", "general-purpose").count());
        assertEquals(1, counter("hookmeter_subagents_started_total", "general-purpose"));
        HistogramFamily duration = ClaudeMetrics.subagentDuration(state);
        Series series = duration.find("general-purpose");
        assertEquals(1, series.count());
        assertEquals(12.6, series.sum(), 1e-9, "SubagentStart to SubagentStop, not the Agent tool's launch");
        assertNull(state.section(SubagentStarts.SECTION));
    }

    @Test
    void theMainThreadOfAnAgentSessionIsMain() throws Exception {
        // claude --agent reviewer: agent_type without agent_id on the main thread's events.
        record("PostToolUse", "\"agent_type\":\"reviewer\"," + tool("Bash", "m1") + ",\"duration_ms\":3");
        assertEquals(1, ToolMetrics.duration(state).find("Bash", "success", "main").count());
        assertNull(ToolMetrics.duration(state).find("Bash", "success", "reviewer"));
    }

    @Test
    void messagesAreCountedOnceAtTheirFinalPiece() throws Exception {
        record("MessageDisplay", "\"index\":0,\"final\":false,\"delta\":\"All\"");
        record("MessageDisplay", "\"index\":1,\"final\":true,\"delta\":\" done.\"");
        assertEquals(1, counter("hookmeter_messages_displayed_total"));
    }

    @Test
    void unfinishedSubagentsAreCountedAtTheSessionEnd() throws Exception {
        record("SubagentStart", "\"agent_id\":\"x\",\"agent_type\":\"Explore\"");
        record("SessionEnd", "\"reason\":\"other\"");
        assertEquals(1, SelfMetrics.rejected(state).value("unfinished_subagent"));
        assertNull(state.section(SubagentStarts.SECTION));
    }

    @Test
    void startsOverTheBoundAreReturnedToBeCounted() {
        PendingStarts pending = PendingStarts.load(state);
        for (int i = 0; i <= PendingStarts.MAX; i++) {
            pending.add("t" + i, PendingStarts.Start.open(i, "s", null, "main", "Bash", null));
        }
        List<PendingStarts.Start> dropped = pending.save(state, PendingStarts.MAX);
        assertEquals(1, dropped.size());
        assertEquals(0, dropped.get(0).millis(), "the oldest goes first");
    }

    @Test
    void theOldLayoutOfBareStartTimesIsStillRead() {
        state.putSection(PendingStarts.SECTION, "{\"t1\":1000}");
        assertEquals(1000, PendingStarts.load(state).finish("t1", 2000).millis());
    }
}
