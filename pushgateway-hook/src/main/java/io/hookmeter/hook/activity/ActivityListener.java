package io.hookmeter.hook.activity;

import io.hookmeter.hook.claude.EventContext;
import io.hookmeter.hook.claude.EventListener;
import io.hookmeter.hook.claude.HookEvent;
import io.hookmeter.hook.state.CounterFamily;
import io.hookmeter.hook.state.HistogramFamily;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.SessionValues;

/**
 * Active time: how long turns take (UserPromptSubmit to Stop or StopFailure) and how long sessions last
 * (SessionStart to SessionEnd), paired by {@code session_id} at the hook processes' start times. The open turns and
 * sessions live in the state sections {@value #TURNS} and {@value #SESSIONS}, bounded; every start that never gets
 * its end in the normal way is counted in {@value #UNPAIRED} by reason, never dropped silently.
 */
public final class ActivityListener implements EventListener {
    public static final String TURN_DURATION = "hookmeter_turn_duration_seconds";
    public static final String SESSION_DURATION = "hookmeter_session_duration_seconds";
    public static final String UNPAIRED = "hookmeter_activity_unpaired_total";
    static final String TURNS = "activity_open_turns";
    static final String SESSIONS = "activity_open_sessions";
    /** Open turns or sessions kept at most (each); the least recently started beyond are dropped and counted. */
    static final int MAX_OPEN = 500;
    /** A turn open this long when its session's next prompt comes lost its Stop (a crash, a kill): counted, restarted. */
    static final long STALE_TURN_MILLIS = 6 * 3_600_000L;
    /** Turns: a second to two hours. */
    static final double[] TURN_BUCKETS = {1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200};
    /** Sessions: a minute to two days. */
    static final double[] SESSION_BUCKETS = {60, 300, 600, 1800, 3600, 7200, 14400, 28800, 57600, 86400, 172800};

    @Override
    public void onEvent(HookEvent event, MetricsState state, EventContext context) {
        String session = event.sessionId();
        if (session == null || session.isBlank()) {
            return;
        }
        long now = context.startMillis();
        switch (event.name()) {
            case "UserPromptSubmit" -> startTurn(state, session, now);
            case "Stop" -> endTurn(state, session, now, "completed");
            case "StopFailure" -> endTurn(state, session, now, "failed");
            case "SessionStart" -> startSession(state, session, now);
            case "SessionEnd" -> endSession(state, session, now, event.reason());
            default -> {
                // not about active time (PostToolUse, the hot path, returns here)
            }
        }
    }

    private static void startTurn(MetricsState state, String session, long now) {
        SessionValues turns = SessionValues.load(state, TURNS);
        long[] open = turns.get(session);
        if (open != null && now - open[0] < STALE_TURN_MILLIS) {
            return; // a prompt typed while the agent works belongs to the turn under way
        }
        if (open != null) {
            unpaired(state).inc("turn", "stale");
        }
        turns.put(session, now);
        save(state, turns, "turn");
    }

    private static void endTurn(MetricsState state, String session, long now, String outcome) {
        SessionValues turns = SessionValues.load(state, TURNS);
        long[] open = turns.remove(session);
        if (open == null) {
            unpaired(state).inc("turn", "no_start");
            return;
        }
        turnDuration(state).observe(Math.max(0, now - open[0]) / 1000.0, outcome);
        save(state, turns, "turn");
    }

    private static void startSession(MetricsState state, String session, long now) {
        SessionValues sessions = SessionValues.load(state, SESSIONS);
        if (sessions.get(session) != null) {
            return; // resume, clear or compact inside a session that is still open: it goes on
        }
        sessions.put(session, now);
        save(state, sessions, "session");
    }

    private static void endSession(MetricsState state, String session, long now, String reason) {
        SessionValues turns = SessionValues.load(state, TURNS);
        if (turns.remove(session) != null) {
            unpaired(state).inc("turn", "session_ended");
            save(state, turns, "turn");
        }
        SessionValues sessions = SessionValues.load(state, SESSIONS);
        long[] open = sessions.remove(session);
        if (open == null) {
            unpaired(state).inc("session", "no_start");
            return;
        }
        sessionDuration(state).observe(Math.max(0, now - open[0]) / 1000.0, reason == null ? "other" : reason);
        save(state, sessions, "session");
    }

    private static void save(MetricsState state, SessionValues open, String kind) {
        int dropped = open.save(state, MAX_OPEN);
        if (dropped > 0) {
            unpaired(state).inc(dropped, kind, "evicted");
        }
    }

    public static HistogramFamily turnDuration(MetricsState state) {
        return state.histogram(TURN_DURATION, "Turn durations in seconds, from the prompt to Stop (completed) or "
                + "StopFailure (failed).", TURN_BUCKETS, "outcome");
    }

    public static HistogramFamily sessionDuration(MetricsState state) {
        return state.histogram(SESSION_DURATION, "Session lengths in seconds, from SessionStart to SessionEnd, by "
                + "the end's reason.", SESSION_BUCKETS, "reason");
    }

    public static CounterFamily unpaired(MetricsState state) {
        return state.counter(UNPAIRED, "Turn or session starts and ends that could not be paired, by kind and "
                + "reason (no_start, stale, session_ended, evicted).", "kind", "reason");
    }
}
