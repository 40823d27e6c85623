package io.hookmeter.hook.claude;

import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.SelfMetrics;

/**
 * {@code hookmeter_subagent_duration_seconds{agent_type}}: from SubagentStart to SubagentStop of the same
 * {@code agent_id} (the Agent tool's own duration is only the launch of a background subagent). Starts that never
 * get their stop are counted in {@code hookmeter_events_rejected_total{reason="unfinished_subagent"}}.
 */
final class SubagentTimes {
    private SubagentTimes() {
    }

    /** SubagentStart: counted, and its start remembered by agent_id. */
    static void started(HookEvent event, MetricsState state, long eventMillis) {
        if (event.agentId() == null) {
            return;
        }
        SubagentStarts starts = SubagentStarts.load(state);
        starts.add(event.agentId(), new SubagentStarts.Start(eventMillis, event.sessionId()));
        save(starts, state, eventMillis);
    }

    /** SubagentStop: the time since its SubagentStart, when that is known. */
    static void stopped(HookEvent event, MetricsState state, long eventMillis) {
        if (event.agentId() == null || state.section(SubagentStarts.SECTION) == null) {
            return;
        }
        SubagentStarts starts = SubagentStarts.load(state);
        SubagentStarts.Start start = starts.take(event.agentId());
        if (start != null && eventMillis >= start.millis()) {
            ClaudeMetrics.subagentDuration(state).observe((eventMillis - start.millis()) / 1000.0,
                    EventRecorder.or(event.agentType()));
        }
        save(starts, state, eventMillis);
    }

    private static void save(SubagentStarts starts, MetricsState state, long nowMillis) {
        int dropped = starts.save(state, nowMillis);
        if (dropped > 0) {
            SelfMetrics.rejected(state).inc(dropped, "unfinished_subagent");
        }
    }

    /** SessionEnd: the session's subagents that never stopped are dropped, and counted. */
    static void sessionEnded(HookEvent event, MetricsState state, long eventMillis) {
        if (state.section(SubagentStarts.SECTION) == null) {
            return;
        }
        SubagentStarts subagents = SubagentStarts.load(state);
        int unfinished = subagents.endSession(event.sessionId());
        if (unfinished > 0) {
            SelfMetrics.rejected(state).inc(unfinished, "unfinished_subagent");
        }
        save(subagents, state, eventMillis);
    }
}
