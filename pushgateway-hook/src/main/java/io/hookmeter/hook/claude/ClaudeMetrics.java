package io.hookmeter.hook.claude;

import io.hookmeter.hook.state.Buckets;
import io.hookmeter.hook.state.CounterFamily;
import io.hookmeter.hook.state.HistogramFamily;
import io.hookmeter.hook.state.MetricsState;

/** The session, turn, permission and agent metrics of docs/design.md#metric-contract from Claude Code hook events. */
public final class ClaudeMetrics {
    private ClaudeMetrics() {
    }

    public static CounterFamily permissionDenials(MetricsState state) {
        return state.counter("hookmeter_tool_permission_denials_total",
                "Tool calls refused, by tool and by who refused them (user, rule, auto_mode).", "tool", "denied_by");
    }

    public static CounterFamily fileOperations(MetricsState state) {
        return state.counter("hookmeter_file_operations_total",
                "Completed file operations of the Read/Write/Edit tools, by operation.", "operation");
    }

    public static CounterFamily gitCommands(MetricsState state) {
        return state.counter("hookmeter_git_commands_total", "git subcommands run by shell tools.", "subcommand");
    }

    public static CounterFamily sessionsStarted(MetricsState state) {
        return state.counter("hookmeter_sessions_started_total", "Claude Code sessions started, by source.",
                "source");
    }

    public static CounterFamily sessionsEnded(MetricsState state) {
        return state.counter("hookmeter_sessions_ended_total", "Claude Code sessions ended, by reason.", "reason");
    }

    public static CounterFamily prompts(MetricsState state) {
        return state.counter("hookmeter_prompts_total",
                "Prompts submitted, by origin: user (typed by a person) or agent (submitted by Claude Code itself).",
                "origin");
    }

    public static CounterFamily turns(MetricsState state) {
        return state.counter("hookmeter_turns_total", "Turns the agent finished (Stop events).");
    }

    public static CounterFamily turnFailures(MetricsState state) {
        return state.counter("hookmeter_turn_failures_total", "Turns that ended in an API error, by error.", "error");
    }

    public static CounterFamily subagents(MetricsState state) {
        return state.counter("hookmeter_subagents_total", "Subagents finished, by agent type.", "agent_type");
    }

    public static CounterFamily subagentsStarted(MetricsState state) {
        return state.counter("hookmeter_subagents_started_total", "Subagents started, by agent type.", "agent_type");
    }

    public static HistogramFamily subagentDuration(MetricsState state) {
        return state.histogram("hookmeter_subagent_duration_seconds",
                "Subagent running time from SubagentStart to SubagentStop, by agent type.", Buckets.seconds(),
                "agent_type");
    }

    public static CounterFamily permissionRequests(MetricsState state) {
        return state.counter("hookmeter_permission_requests_total",
                "Permission requests (the client asked for a tool call: a dialog, or a refusal when nobody can be "
                        + "asked), by tool.", "tool");
    }

    public static CounterFamily toolBatches(MetricsState state) {
        return state.counter("hookmeter_tool_batches_total",
                "Batches of tool calls the agent finished (PostToolBatch events).");
    }

    public static CounterFamily messagesDisplayed(MetricsState state) {
        return state.counter("hookmeter_messages_displayed_total", "Assistant messages shown in full (MessageDisplay).");
    }

    public static CounterFamily compactions(MetricsState state) {
        return state.counter("hookmeter_compactions_total", "Context compactions, by trigger.", "trigger");
    }

    public static CounterFamily notifications(MetricsState state) {
        return state.counter("hookmeter_notifications_total", "Notifications shown to the user, by type.", "type");
    }
}
