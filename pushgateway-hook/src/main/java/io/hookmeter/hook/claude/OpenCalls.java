package io.hookmeter.hook.claude;

import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.toolcall.ToolCall;
import io.hookmeter.hook.toolcall.ToolMetrics;

import java.util.List;

/**
 * The calls that started and have not finished ({@link PendingStarts}): what PreToolUse, a Post, PostToolBatch,
 * PermissionRequest, PermissionDenied and the turn and session boundaries do to them, and how those that never
 * finish are counted: refused ({@code hookmeter_tool_permission_denials_total{tool,denied_by}}), interrupted or
 * expired ({@code hookmeter_tool_unmeasured_calls_total{tool,outcome,agent}}). Nothing leaves silently.
 */
final class OpenCalls {
    /** {@code denied_by}: the user refused the call in the permission dialog. */
    static final String DENIED_BY_USER = "user";
    /** {@code denied_by}: permission rules or settings refused it without a dialog (print mode asks nobody). */
    static final String DENIED_BY_RULE = "rule";
    /** {@code denied_by}: auto mode's classifier refused it (a PermissionDenied event). */
    static final String DENIED_BY_AUTO_MODE = "auto_mode";
    /** How the client words the refusal it returns to the model when the user says no in the dialog. */
    static final String USER_REFUSAL = "The user doesn't want to proceed with this tool use";

    private OpenCalls() {
    }

    /** PreToolUse: the call is open. */
    static void started(HookEvent event, MetricsState state, long eventMillis) {
        if (event.toolUseId() == null) {
            return;
        }
        PendingStarts pending = PendingStarts.load(state);
        pending.add(event.toolUseId(), PendingStarts.Start.open(eventMillis, event.sessionId(), thread(event),
                event.agent(), event.toolName(), PendingStarts.inputKey(event.command())));
        save(pending, state, eventMillis);
    }

    /**
     * A Post (or PermissionDenied) ended the call: returns its remembered start, or null. A Post that comes before
     * its PreToolUse leaves a short-lived mark, so that the late start is not taken for an unfinished call.
     */
    static Long finished(HookEvent event, MetricsState state, long eventMillis) {
        if (event.toolUseId() == null) {
            return null;
        }
        PendingStarts pending = PendingStarts.load(state);
        PendingStarts.Start start = pending.finish(event.toolUseId(), eventMillis);
        save(pending, state, eventMillis);
        return start == null ? null : start.millis();
    }

    /**
     * A batch of calls is over. A listed call without a Post got none: it was refused, and its response is the
     * refusal. It is counted when settled (see {@link PendingStarts}), so a Post applied late still wins; a call whose
     * PreToolUse is not applied yet is remembered from the batch.
     */
    static void batchFinished(HookEvent event, MetricsState state, long eventMillis) {
        if (event.toolCalls().isEmpty()) {
            return;
        }
        PendingStarts pending = PendingStarts.load(state);
        for (HookEvent.BatchCall call : event.toolCalls()) {
            PendingStarts.Start seen = PendingStarts.Start.open(eventMillis, event.sessionId(), thread(event),
                    event.agent(), call.toolName() == null ? "unknown" : call.toolName(), null);
            pending.refuse(call.toolUseId(), refusedBy(call.response()), seen);
        }
        save(pending, state, eventMillis);
    }

    /** The thread an event belongs to: the subagent's agent_id, or null for the main thread. */
    private static String thread(HookEvent event) {
        return event.inSubagent() ? event.agentId() : null;
    }

    /** The client asks before running the call: the call is marked, so that if it never runs, it counts as refused. */
    static void permissionRequested(HookEvent event, MetricsState state, long eventMillis) {
        PendingStarts pending = PendingStarts.load(state);
        pending.ask(PendingStarts.Start.open(eventMillis, event.sessionId(), thread(event), event.agent(),
                event.toolName(), PendingStarts.inputKey(event.command())));
        save(pending, state, eventMillis);
    }

    /** Who refused a call, from the refusal text the client returned for it. */
    static String refusedBy(String response) {
        return response != null && response.startsWith(USER_REFUSAL) ? DENIED_BY_USER : DENIED_BY_RULE;
    }

    /** A turn of the main thread (or a subagent's run) ended: settle the calls that are left over from before. */
    static void turnBoundary(HookEvent event, MetricsState state, long eventMillis) {
        if (state.section(PendingStarts.SECTION) == null) {
            return;
        }
        PendingStarts pending = PendingStarts.load(state);
        List<PendingStarts.Start> settled = pending.endTurn(event.sessionId(), thread(event));
        countSettled(state, settled);
        save(pending, state, eventMillis);
    }

    /** SessionEnd: every open call of the session is settled. */
    static void sessionEnded(HookEvent event, MetricsState state, long eventMillis) {
        if (state.section(PendingStarts.SECTION) != null) {
            PendingStarts pending = PendingStarts.load(state);
            countSettled(state, pending.endSession(event.sessionId()));
            save(pending, state, eventMillis);
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
}
