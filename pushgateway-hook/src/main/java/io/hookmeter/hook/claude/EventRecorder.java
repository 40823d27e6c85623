package io.hookmeter.hook.claude;

import io.hookmeter.hook.metrics.ToolCall;
import io.hookmeter.hook.metrics.ToolMetrics;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.SelfMetrics;

import java.util.List;
import java.util.Set;

/**
 * Turns one hook event into metric updates (DESIGN §2, §3), then hands it to the plugged-in
 * {@link EventListener}s (token accounting, ...). Unknown events are counted in
 * {@code hookmeter_events_rejected_total{reason="unknown_event"}} and otherwise ignored.
 */
public final class EventRecorder {
    public static final Set<String> EVENTS = Set.of("PreToolUse", "PostToolUse", "PostToolUseFailure",
            "PostToolBatch", "PermissionRequest", "PermissionDenied", "SessionStart", "SessionEnd",
            "UserPromptSubmit", "Stop", "StopFailure", "SubagentStart", "SubagentStop", "PreCompact", "Notification",
            "MessageDisplay");
    /** {@code denied_by}: the user refused the call in the permission dialog. */
    public static final String DENIED_BY_USER = "user";
    /** {@code denied_by}: permission rules or settings refused it without a dialog (print mode asks nobody). */
    public static final String DENIED_BY_RULE = "rule";
    /** {@code denied_by}: auto mode's classifier refused it (a PermissionDenied event). */
    public static final String DENIED_BY_AUTO_MODE = "auto_mode";
    /** How the client words the refusal it returns to the model when the user says no in the dialog. */
    static final String USER_REFUSAL = "The user doesn't want to proceed with this tool use";
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
        builtIn(event, state, context.startMillis());
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

    private static void builtIn(HookEvent event, MetricsState state, long eventMillis) {
        switch (event.name()) {
            case "PreToolUse" -> rememberStart(event, state, eventMillis);
            case "PostToolUse" -> toolFinished(event, state, eventMillis, ToolCall.SUCCESS);
            case "PostToolUseFailure" -> toolFinished(event, state, eventMillis,
                    Boolean.TRUE.equals(event.isInterrupt()) ? ToolCall.INTERRUPTED : ToolCall.ERROR);
            case "PostToolBatch" -> batchFinished(event, state, eventMillis);
            case "PermissionRequest" -> permissionRequested(event, state, eventMillis);
            case "PermissionDenied" -> {
                ClaudeMetrics.permissionDenials(state).inc(event.toolName(), DENIED_BY_AUTO_MODE);
                if (event.toolUseId() != null) {
                    PendingStarts pending = PendingStarts.load(state);
                    pending.finish(event.toolUseId(), eventMillis);
                    save(pending, state, eventMillis);
                }
            }
            case "SessionStart" -> ClaudeMetrics.sessionsStarted(state).inc(or(event.source()));
            case "SessionEnd" -> {
                ClaudeMetrics.sessionsEnded(state).inc(or(event.reason()));
                sessionEnded(event, state, eventMillis);
            }
            case "UserPromptSubmit" -> {
                ClaudeMetrics.prompts(state).inc(event.promptOrigin() == null ? HookEvent.ORIGIN_USER
                        : event.promptOrigin());
                turnBoundary(event, state, eventMillis);
            }
            case "Stop" -> {
                ClaudeMetrics.turns(state).inc();
                turnBoundary(event, state, eventMillis);
            }
            case "StopFailure" -> {
                ClaudeMetrics.turnFailures(state).inc(or(event.error()));
                turnBoundary(event, state, eventMillis);
            }
            case "SubagentStart" -> subagentStarted(event, state, eventMillis);
            case "SubagentStop" -> {
                ClaudeMetrics.subagents(state).inc(or(event.agentType()));
                subagentStopped(event, state, eventMillis);
                turnBoundary(event, state, eventMillis);
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

    private static void rememberStart(HookEvent event, MetricsState state, long eventMillis) {
        if (event.toolUseId() == null) {
            return;
        }
        PendingStarts pending = PendingStarts.load(state);
        pending.add(event.toolUseId(), PendingStarts.Start.open(eventMillis, event.sessionId(), thread(event),
                event.agent(), event.toolName(), PendingStarts.inputKey(event.command())));
        save(pending, state, eventMillis);
    }

    private static void toolFinished(HookEvent event, MetricsState state, long eventMillis, String outcome) {
        Double seconds = event.durationMs() == null ? null : event.durationMs() / 1000.0;
        if (event.toolUseId() != null) {
            PendingStarts pending = PendingStarts.load(state);
            PendingStarts.Start start = pending.finish(event.toolUseId(), eventMillis);
            if (seconds == null && start != null && eventMillis >= start.millis()) {
                seconds = (eventMillis - start.millis()) / 1000.0;
            }
            save(pending, state, eventMillis);
        }
        String tool = event.toolName();
        boolean shell = SHELLS.contains(tool);
        Integer exitCode = shell && !ToolCall.SUCCESS.equals(outcome) ? ExitCodes.parse(event.error()) : null;
        ToolMetrics.record(state, new ToolCall(tool, outcome, event.agent(), seconds, eventMillis / 1000.0, exitCode));
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

    /**
     * A batch of calls is over. A listed call that is still open got no Post: it was refused, and its response is
     * the refusal. It is counted when settled (see {@link PendingStarts}), so a Post applied late still wins.
     */
    private static void batchFinished(HookEvent event, MetricsState state, long eventMillis) {
        ClaudeMetrics.toolBatches(state).inc();
        boolean mentioned = false;
        for (HookEvent.BatchCall call : event.toolCalls()) {
            mentioned |= PendingStarts.mayContain(state, call.toolUseId());
        }
        if (!mentioned) {
            return;
        }
        PendingStarts pending = PendingStarts.load(state);
        for (HookEvent.BatchCall call : event.toolCalls()) {
            pending.refuse(call.toolUseId(), refusedBy(call.response()));
        }
        save(pending, state, eventMillis);
    }

    /** The thread an event belongs to: the subagent's agent_id, or null for the main thread. */
    private static String thread(HookEvent event) {
        return event.inSubagent() ? event.agentId() : null;
    }

    /** The client asks before running the call: the call is marked, so that if it never runs, it counts as refused. */
    private static void permissionRequested(HookEvent event, MetricsState state, long eventMillis) {
        ClaudeMetrics.permissionRequests(state).inc(event.toolName());
        if (state.section(PendingStarts.SECTION) == null) {
            return;
        }
        PendingStarts pending = PendingStarts.load(state);
        if (pending.ask(event.sessionId(), thread(event), event.toolName(), PendingStarts.inputKey(event.command()))) {
            save(pending, state, eventMillis);
        }
    }

    /** Who refused a call, from the refusal text the client returned for it. */
    static String refusedBy(String response) {
        return response != null && response.startsWith(USER_REFUSAL) ? DENIED_BY_USER : DENIED_BY_RULE;
    }

    /** A turn of the main thread (or a subagent's run) ended: settle the calls that are left over from before. */
    private static void turnBoundary(HookEvent event, MetricsState state, long eventMillis) {
        if (state.section(PendingStarts.SECTION) == null) {
            return;
        }
        PendingStarts pending = PendingStarts.load(state);
        List<PendingStarts.Start> settled = pending.endTurn(event.sessionId(), thread(event));
        countSettled(state, settled);
        save(pending, state, eventMillis);
    }

    private static void sessionEnded(HookEvent event, MetricsState state, long eventMillis) {
        if (state.section(PendingStarts.SECTION) != null) {
            PendingStarts pending = PendingStarts.load(state);
            countSettled(state, pending.endSession(event.sessionId()));
            save(pending, state, eventMillis);
        }
        if (state.section(SubagentStarts.SECTION) != null) {
            SubagentStarts subagents = SubagentStarts.load(state);
            int unfinished = subagents.endSession(event.sessionId());
            unfinished += subagents.save(state, eventMillis);
            if (unfinished > 0) {
                SelfMetrics.rejected(state).inc(unfinished, "unfinished_subagent");
            }
        }
    }

    /**
     * Open calls that never finished: refused ones are denials (a batch said so; or a person was asked and the call
     * never ran, which is what the dialog's "No" and Escape leave), the others were interrupted.
     */
    private static void countSettled(MetricsState state, List<PendingStarts.Start> settled) {
        for (PendingStarts.Start start : settled) {
            if (start.refusedBy() != null) {
                ClaudeMetrics.permissionDenials(state).inc(start.tool(), start.refusedBy());
            } else if (start.asked()) {
                ClaudeMetrics.permissionDenials(state).inc(start.tool(), DENIED_BY_USER);
            } else {
                ToolMetrics.record(state, new ToolCall(start.tool(), ToolCall.INTERRUPTED, start.agent(), null,
                        start.millis() / 1000.0, null));
            }
        }
    }

    /** Saves the open calls; those dropped unfinished (too old, over the bound) are counted, never lost silently. */
    private static void save(PendingStarts pending, MetricsState state, long nowMillis) {
        for (PendingStarts.Start start : pending.save(state, nowMillis)) {
            ToolMetrics.record(state, new ToolCall(start.tool(), ToolCall.EXPIRED, start.agent(), null,
                    start.millis() / 1000.0, null));
        }
    }

    private static void subagentStarted(HookEvent event, MetricsState state, long eventMillis) {
        ClaudeMetrics.subagentsStarted(state).inc(or(event.agentType()));
        if (event.agentId() == null) {
            return;
        }
        SubagentStarts starts = SubagentStarts.load(state);
        starts.add(event.agentId(), new SubagentStarts.Start(eventMillis, event.sessionId()));
        saveSubagents(starts, state, eventMillis);
    }

    private static void subagentStopped(HookEvent event, MetricsState state, long eventMillis) {
        if (event.agentId() == null || state.section(SubagentStarts.SECTION) == null) {
            return;
        }
        SubagentStarts starts = SubagentStarts.load(state);
        SubagentStarts.Start start = starts.take(event.agentId());
        if (start != null && eventMillis >= start.millis()) {
            ClaudeMetrics.subagentDuration(state).observe((eventMillis - start.millis()) / 1000.0,
                    or(event.agentType()));
        }
        saveSubagents(starts, state, eventMillis);
    }

    private static void saveSubagents(SubagentStarts starts, MetricsState state, long nowMillis) {
        int dropped = starts.save(state, nowMillis);
        if (dropped > 0) {
            SelfMetrics.rejected(state).inc(dropped, "unfinished_subagent");
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
    private static String or(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }
}
