package io.hookmeter.hook.claude;

import io.hookmeter.hook.project.ProjectLabel;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.SelfMetrics;
import io.hookmeter.hook.toolcall.ToolCall;
import io.hookmeter.hook.toolcall.ToolMetrics;

import java.util.List;
import java.util.Set;

/**
 * Turns one hook event into metric updates (docs/design.md#metric-contract), then hands it to the plugged-in
 * {@link EventListener}s (token accounting, ...). Unknown events are counted in
 * {@code hookmeter_events_rejected_total{reason="unknown_event"}} and otherwise ignored.
 */
public final class EventRecorder {
    public static final Set<String> EVENTS = Set.of("PreToolUse", "PostToolUse", "PostToolUseFailure",
            "PostToolBatch", "PermissionRequest", "PermissionDenied", "SessionStart", "SessionEnd",
            "UserPromptSubmit", "Stop", "StopFailure", "SubagentStart", "SubagentStop", "PreCompact", "Notification",
            "MessageDisplay");
    /** Shell tools whose failures carry {@code Exit code N} and whose commands may run git. */
    private static final Set<String> SHELLS = Set.of("Bash", "PowerShell");

    private final List<EventListener> listeners;

    public EventRecorder(List<EventListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** The bounded label for an event name: the name when known, else {@code unknown}. */
    public static String eventLabel(HookEvent event) {
        return event != null && event.name() != null && EVENTS.contains(event.name()) ? event.name() : "unknown";
    }

    /** Records the event; returns false (after counting why) when it was rejected. */
    public boolean record(HookEvent event, MetricsState state, EventContext context) {
        if (event.name() == null) {
            SelfMetrics.rejected(state, "missing_field");
            context.log().accept("hook event without hook_event_name ignored");
            return false;
        }
        if (!EVENTS.contains(event.name())) {
            SelfMetrics.rejected(state, "unknown_event");
            return false;
        }
        if (needsTool(event.name()) && (event.toolName() == null || event.toolName().isBlank())) {
            SelfMetrics.rejected(state, "missing_field");
            context.log().accept(event.name() + " without tool_name ignored");
            return false;
        }
        // startMillis is when the event happened (its hook started, or it was spooled): pair and stamp with it.
        builtIn(event, state, context);
        for (EventListener listener : listeners) {
            try {
                listener.onEvent(event, state, context);
            } catch (Exception | LinkageError e) {
                SelfMetrics.rejected(state, "listener_error");
                context.log().accept(listener.getClass().getName() + " failed on " + event.name() + ": " + e);
            }
        }
        return true;
    }

    private static boolean needsTool(String name) {
        return switch (name) {
            case "PreToolUse", "PostToolUse", "PostToolUseFailure", "PermissionDenied", "PermissionRequest" -> true;
            default -> false;
        };
    }

    private static void builtIn(HookEvent event, MetricsState state, EventContext context) {
        long eventMillis = context.startMillis();
        switch (event.name()) {
            case "PreToolUse" -> OpenCalls.started(event, state, eventMillis);
            case "PostToolUse" -> toolFinished(event, state, context, ToolCall.SUCCESS);
            case "PostToolUseFailure" -> toolFinished(event, state, context,
                    Boolean.TRUE.equals(event.isInterrupt()) ? ToolCall.INTERRUPTED : ToolCall.ERROR);
            case "PostToolBatch" -> {
                ClaudeMetrics.toolBatches(state).inc();
                OpenCalls.batchFinished(event, state, eventMillis);
            }
            case "PermissionRequest" -> {
                ClaudeMetrics.permissionRequests(state).inc(event.toolName());
                OpenCalls.permissionRequested(event, state, eventMillis);
            }
            case "PermissionDenied" -> {
                ClaudeMetrics.permissionDenials(state).inc(event.toolName(), OpenCalls.DENIED_BY_AUTO_MODE);
                OpenCalls.finished(event, state, eventMillis);
            }
            case "SessionStart" -> ClaudeMetrics.sessionsStarted(state).inc(or(event.source()));
            case "SessionEnd" -> {
                ClaudeMetrics.sessionsEnded(state).inc(or(event.reason()));
                OpenCalls.sessionEnded(event, state, eventMillis);
                SubagentTimes.sessionEnded(event, state, eventMillis);
            }
            case "UserPromptSubmit" -> {
                ClaudeMetrics.prompts(state).inc(event.promptOrigin() == null ? HookEvent.ORIGIN_USER
                        : event.promptOrigin());
                OpenCalls.turnBoundary(event, state, eventMillis);
            }
            case "Stop" -> {
                ClaudeMetrics.turns(state).inc();
                OpenCalls.turnBoundary(event, state, eventMillis);
            }
            case "StopFailure" -> {
                ClaudeMetrics.turnFailures(state).inc(or(event.error()));
                OpenCalls.turnBoundary(event, state, eventMillis);
            }
            case "SubagentStart" -> {
                ClaudeMetrics.subagentsStarted(state).inc(or(event.agentType()));
                SubagentTimes.started(event, state, eventMillis);
            }
            case "SubagentStop" -> {
                ClaudeMetrics.subagents(state).inc(or(event.agentType()));
                SubagentTimes.stopped(event, state, eventMillis);
                OpenCalls.turnBoundary(event, state, eventMillis);
            }
            case "PreCompact" -> ClaudeMetrics.compactions(state).inc(or(event.trigger()));
            case "Notification" -> ClaudeMetrics.notifications(state).inc(or(event.notificationType()));
            case "MessageDisplay" -> {
                // Streaming shows a message in pieces; count each message once, at its final piece.
                if (!Boolean.FALSE.equals(event.finalMessage())) {
                    ClaudeMetrics.messagesDisplayed(state).inc();
                }
            }
            default -> throw new IllegalStateException("unhandled event " + event.name());
        }
    }

    private static void toolFinished(HookEvent event, MetricsState state, EventContext context, String outcome) {
        long eventMillis = context.startMillis();
        Double seconds = event.durationMs() == null ? null : event.durationMs() / 1000.0;
        Long start = OpenCalls.finished(event, state, eventMillis);
        if (seconds == null && start != null && eventMillis >= start) {
            seconds = (eventMillis - start) / 1000.0;
        }
        String tool = event.toolName();
        boolean shell = SHELLS.contains(tool);
        Integer exitCode = shell && !ToolCall.SUCCESS.equals(outcome) ? ExitCodes.parse(event.error()) : null;
        ToolMetrics.record(state, new ToolCall(tool, outcome, event.agent(), seconds, eventMillis / 1000.0, exitCode),
                ProjectLabel.of(context.config()).value(event.cwd(), state));
        if (shell) {
            for (String subcommand : GitCommands.subcommands(event.command())) {
                ClaudeMetrics.gitCommands(state).inc(subcommand);
            }
        }
        if (ToolCall.SUCCESS.equals(outcome)) {
            String operation = fileOperation(tool);
            if (operation != null) {
                ClaudeMetrics.fileOperations(state).inc(operation);
            }
        }
    }

    static String fileOperation(String tool) {
        return switch (tool) {
            case "Read" -> "read";
            case "Write" -> "write";
            case "Edit", "MultiEdit", "NotebookEdit" -> "edit";
            default -> null;
        };
    }

    /** Label value for an optional field: the value, or {@code unknown} when Claude Code left it out. */
    static String or(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }
}
