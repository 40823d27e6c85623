package io.hookmeter.hook.activity;

import io.hookmeter.hook.claude.EventContext;
import io.hookmeter.hook.claude.HookEventParser;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.Series;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ActivityListenerTest {
    private final MetricsState state = new MetricsState();
    private final ActivityListener listener = new ActivityListener();

    private void event(String name, String session, long atMillis, String extra) throws Exception {
        String json = "{\"hook_event_name\": \"" + name + "\", \"session_id\": \"" + session + "\"" + extra + "}";
        listener.onEvent(HookEventParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))),
                state, new EventContext(HookConfig.load(Map.of()), line -> { }, atMillis, () -> 1000));
    }

    private Series turns(String outcome) {
        return ActivityListener.turnDuration(state).find(outcome);
    }

    private double unpaired(String kind, String reason) {
        return ActivityListener.unpaired(state).value(kind, reason);
    }

    @Test
    void aTurnLastsFromThePromptToStopAndASessionFromStartToEnd() throws Exception {
        event("SessionStart", "s1", 1_000, ", \"source\": \"startup\"");
        event("UserPromptSubmit", "s1", 10_000, "");
        event("UserPromptSubmit", "s1", 12_000, ""); // typed while the agent works: the same turn
        event("Stop", "s1", 52_000, "");
        event("UserPromptSubmit", "s1", 60_000, "");
        event("StopFailure", "s1", 63_000, ", \"error\": \"rate_limit\"");
        event("SessionStart", "s1", 70_000, ", \"source\": \"compact\""); // the session goes on
        event("SessionEnd", "s1", 3_601_000, ", \"reason\": \"clear\"");

        Series completed = turns("completed");
        assertEquals(1, completed.count());
        assertEquals(42.0, completed.sum());
        // 42 s: first bucket with le >= 42 is 60 (index 5)
        assertArrayEquals(new long[] {0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}, completed.bucketCounts());
        assertEquals(3.0, turns("failed").sum());
        Series session = ActivityListener.sessionDuration(state).find("clear");
        assertEquals(1, session.count());
        assertEquals(3600.0, session.sum());
        assertNull(state.section(ActivityListener.TURNS));
        assertNull(state.section(ActivityListener.SESSIONS));
    }

    @Test
    void everyStartOrEndWithoutItsPartnerIsCounted() throws Exception {
        event("Stop", "s1", 5_000, "");
        assertEquals(1, unpaired("turn", "no_start"));
        event("SessionEnd", "s1", 6_000, ", \"reason\": \"logout\"");
        assertEquals(1, unpaired("session", "no_start"));

        event("UserPromptSubmit", "s2", 10_000, "");
        event("SessionEnd", "s2", 20_000, ", \"reason\": \"other\"");
        assertEquals(1, unpaired("turn", "session_ended"));

        event("UserPromptSubmit", "s3", 0, "");
        event("UserPromptSubmit", "s3", ActivityListener.STALE_TURN_MILLIS + 1, "");
        event("Stop", "s3", ActivityListener.STALE_TURN_MILLIS + 2_001, "");
        assertEquals(1, unpaired("turn", "stale"));
        assertEquals(2.0, turns("completed").sum(), "the stale turn is not measured; the new one is");
    }

    @Test
    void openTurnsAreBoundedAndWhatFallsOffIsCounted() throws Exception {
        for (int i = 0; i < ActivityListener.MAX_OPEN + 3; i++) {
            event("UserPromptSubmit", "s" + i, i, "");
        }
        assertEquals(3, unpaired("turn", "evicted"));
        event("Stop", "s0", 10_000, ""); // the oldest fell off
        assertEquals(1, unpaired("turn", "no_start"));
        event("Stop", "s" + (ActivityListener.MAX_OPEN + 2), 10_000, "");
        assertEquals(1, turns("completed").count());
    }

    @Test
    void eventsWithoutASessionOrOfOtherKindsChangeNothing() throws Exception {
        event("PostToolUse", "s1", 1, ", \"tool_name\": \"Bash\"");
        listener.onEvent(HookEventParser.parse(new ByteArrayInputStream(
                "{\"hook_event_name\": \"Stop\"}".getBytes(StandardCharsets.UTF_8))), state,
                new EventContext(HookConfig.load(Map.of()), line -> { }, 1, () -> 1000));
        assertNull(state.family(ActivityListener.UNPAIRED));
        assertNull(state.family(ActivityListener.TURN_DURATION));
    }
}
