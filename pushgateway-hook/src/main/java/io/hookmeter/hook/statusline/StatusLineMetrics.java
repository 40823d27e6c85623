package io.hookmeter.hook.statusline;

import io.hookmeter.hook.state.CounterFamily;
import io.hookmeter.hook.state.GaugeFamily;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.SelfMetrics;
import io.hookmeter.hook.state.SessionValues;

/**
 * What a status-line input adds to the metrics: the subscription's rate-limit windows as gauges, and the session's
 * running totals of lines added and removed as counters. Claude Code repeats the same totals on every status-line
 * run (up to every 300 ms), so the last totals seen per session are kept in the state section {@value #SECTION}
 * and only what they grew by is counted: repeated runs add nothing, a new session counts from zero, and a total
 * that went down (Claude Code restarted the session's count) counts from zero again. Pure: the caller loads and
 * saves the state around {@link #record}.
 */
public final class StatusLineMetrics {
    public static final String USED = "hookmeter_rate_limit_used_ratio";
    public static final String RESETS_AT = "hookmeter_rate_limit_resets_at_timestamp_seconds";
    public static final String LINES = "hookmeter_lines_of_code_total";
    public static final String FORGOTTEN = "hookmeter_lines_sessions_forgotten_total";
    static final String SECTION = "statusline_lines";
    /** Sessions whose last totals are kept; one forgotten and seen again would count its totals twice. */
    static final int MAX_SESSIONS = 200;

    private StatusLineMetrics() {
    }

    /** Applies one status-line input received at {@code nowMillis}. */
    public static void record(StatusInput input, MetricsState state, long nowMillis) {
        window(state, "five_hour", input.fiveHour(), nowMillis);
        window(state, "seven_day", input.sevenDay(), nowMillis);
        lines(state, input);
    }

    private static void window(MetricsState state, String window, StatusInput.RateLimit limit, long nowMillis) {
        if (limit == null) {
            return; // API keys have no rate_limits: no series rather than a made-up 0
        }
        if (limit.usedPercent() != null) {
            // A window whose reset has passed starts empty; Claude Code repeats the old figure until its next call.
            boolean reset = limit.resetsAtSeconds() != null && limit.resetsAtSeconds() * 1000 <= nowMillis;
            used(state).set(reset ? 0 : limit.usedPercent() / 100, window);
        }
        if (limit.resetsAtSeconds() != null) {
            resetsAt(state).set(limit.resetsAtSeconds(), window);
        }
    }

    private static void lines(MetricsState state, StatusInput input) {
        if (input.linesAdded() == null && input.linesRemoved() == null) {
            return;
        }
        if (input.sessionId() == null) {
            // Running totals without their session cannot be told apart from a repeat: not counted, but seen.
            SelfMetrics.rejected(state, "statusline_no_session");
            return;
        }
        SessionValues sessions = SessionValues.load(state, SECTION);
        long[] last = sessions.get(input.sessionId());
        long added = value(input.linesAdded(), last, 0);
        long removed = value(input.linesRemoved(), last, 1);
        CounterFamily lines = lines(state);
        lines.inc(growth(added, last, 0), "added");
        lines.inc(growth(removed, last, 1), "removed");
        sessions.put(input.sessionId(), added, removed);
        int forgotten = sessions.save(state, MAX_SESSIONS);
        if (forgotten > 0) {
            forgotten(state).inc(forgotten);
        }
    }

    /** The input's total, or the last one seen when this input lacks it. */
    private static long value(Long total, long[] last, int slot) {
        if (total != null) {
            return total;
        }
        return last == null ? 0 : last[slot];
    }

    private static long growth(long total, long[] last, int slot) {
        long before = last == null ? 0 : last[slot];
        return total >= before ? total - before : total;
    }

    public static GaugeFamily used(MetricsState state) {
        return state.gauge(USED, "Share of the subscription's rate-limit window used (0 to 1), as the status line "
                + "last reported it, by window (five_hour, seven_day).", "window");
    }

    public static GaugeFamily resetsAt(MetricsState state) {
        return state.gauge(RESETS_AT, "When the rate-limit window resets, Unix seconds, by window.", "window");
    }

    public static CounterFamily lines(MetricsState state) {
        return state.counter(LINES, "Lines of code added and removed, from the status line's per-session totals, "
                + "by type (added, removed).", "type");
    }

    public static CounterFamily forgotten(MetricsState state) {
        return state.counter(FORGOTTEN, "Sessions whose last line totals were dropped from the bounded state "
                + "section (if such a session reports again, its totals count again).");
    }
}
