package io.hookmeter.hook.statusline;

import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.SelfMetrics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Status-line inputs as Claude Code sends them, applied to a state: the exact gauges and counters. */
class StatusLineMetricsTest {
    private static final long NOW = 1_764_000_000_000L;
    private final MetricsState state = new MetricsState();

    private void run(String json) {
        StatusLineMetrics.record(StatusInput.parse(json.getBytes(StandardCharsets.UTF_8)), state, NOW);
    }

    private static String input(String session, long added, long removed) {
        return "{\"session_id\": \"" + session + "\", \"model\": {\"id\": \"claude-opus-4-5\"}, \"cost\": "
                + "{\"total_cost_usd\": 0.5, \"total_lines_added\": " + added + ", \"total_lines_removed\": " + removed
                + "}}";
    }

    private double lines(String type) {
        return StatusLineMetrics.lines(state).value(type);
    }

    private double used(String window) {
        return StatusLineMetrics.used(state).find(window).value();
    }

    @Test
    void rateLimitsBecomeGaugesByWindow() {
        run("{\"session_id\": \"s\", \"rate_limits\": {"
                + "\"five_hour\": {\"used_percentage\": 23.5, \"resets_at\": 1764003600},"
                + "\"seven_day\": {\"used_percentage\": 41, \"resets_at\": \"2025-11-30T00:00:00Z\"}}}");
        assertEquals(0.235, used("five_hour"), 1e-12);
        assertEquals(0.41, used("seven_day"), 1e-12);
        assertEquals(1_764_003_600, StatusLineMetrics.resetsAt(state).find("five_hour").value());
        assertEquals(1_764_460_800, StatusLineMetrics.resetsAt(state).find("seven_day").value());

        run("{\"rate_limits\": {\"five_hour\": {\"used_percentage\": 30, \"resets_at\": 1764003600}}}");
        assertEquals(0.30, used("five_hour"), 1e-12);
        assertEquals(0.41, used("seven_day"), 1e-12, "a window missing from one input keeps its last value");
    }

    @Test
    void aWindowWhoseResetHasPassedReadsEmpty() {
        run("{\"rate_limits\": {\"five_hour\": {\"used_percentage\": 97, \"resets_at\": " + (NOW / 1000 - 1) + "}}}");
        assertEquals(0, used("five_hour"));
    }

    @Test
    void withoutRateLimitsThereAreNoQuotaSeries() {
        run(input("s", 3, 1));
        assertNull(StatusLineMetrics.used(state).find("five_hour"));
        assertEquals(0, StatusLineMetrics.used(state).series().size());
        assertEquals(0, StatusLineMetrics.resetsAt(state).series().size());
    }

    @Test
    void linesCountWhatTheRunningTotalsGrewBy() {
        run(input("a", 10, 2));
        run(input("a", 10, 2)); // the status line repeats itself every 300 ms
        run(input("a", 25, 2));
        assertEquals(25, lines("added"));
        assertEquals(2, lines("removed"));

        run(input("b", 4, 1)); // a new session starts from its own zero
        assertEquals(29, lines("added"));
        assertEquals(3, lines("removed"));

        run(input("a", 30, 5)); // back in session a: only its growth
        assertEquals(34, lines("added"));
        assertEquals(6, lines("removed"));

        run(input("a", 7, 0)); // a total that went down restarted: counted from zero
        assertEquals(41, lines("added"));
        assertEquals(6, lines("removed"));
        run(input("a", 7, 0));
        assertEquals(41, lines("added"));
    }

    @Test
    void theLastTotalsSurviveASaveAndLoadOfTheState() {
        run(input("a", 10, 2));
        MetricsState restarted = new MetricsState();
        restarted.putSection(StatusLineMetrics.SECTION, state.section(StatusLineMetrics.SECTION));
        StatusLineMetrics.record(StatusInput.parse(input("a", 12, 2).getBytes(StandardCharsets.UTF_8)), restarted, NOW);
        assertEquals(2, StatusLineMetrics.lines(restarted).value("added"));
        assertEquals(0, StatusLineMetrics.lines(restarted).value("removed"));
    }

    @Test
    void sessionsBeyondTheBoundAreForgottenAndCounted() {
        for (int i = 0; i < StatusLineMetrics.MAX_SESSIONS + 2; i++) {
            run(input("s" + i, 1, 0));
        }
        assertEquals(StatusLineMetrics.MAX_SESSIONS + 2, lines("added"));
        assertEquals(2, StatusLineMetrics.forgotten(state).value());
    }

    @Test
    void linesWithoutASessionAreNotCountedButSeen() {
        run("{\"cost\": {\"total_lines_added\": 5, \"total_lines_removed\": 1}}");
        assertEquals(0, lines("added"));
        assertEquals(1, SelfMetrics.rejected(state).value("statusline_no_session"));
    }

    @Test
    void garbageChangesNothing() {
        run("{not json");
        run("{\"cost\": {\"total_lines_added\": -4, \"total_lines_removed\": \"many\"}, \"rate_limits\": 7}");
        assertEquals(0, StatusLineMetrics.lines(state).series().size());
        assertEquals(0, StatusLineMetrics.used(state).series().size());
    }
}
