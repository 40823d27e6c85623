package io.hookmeter.hook.toolcall;

import io.hookmeter.hook.push.TextExposition;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.Series;
import io.hookmeter.hook.state.StateStore;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToolMetricsTest {
    private final MetricsState state = StateStore.fresh();

    @Test
    void aToolsFirstSuccessAlsoCreatesItsErrorSeriesAtZero() {
        ToolMetrics.record(state, new ToolCall("Read", ToolCall.SUCCESS, "main", 0.01, 100, null));
        Series error = ToolMetrics.duration(state).find("Read", ToolCall.ERROR, "main");
        assertNotNull(error, "the error series exists before the first error, so increase() counts that error");
        assertEquals(0, error.count());
        assertEquals(0, error.sum());
        assertEquals(1, ToolMetrics.duration(state).find("Read", ToolCall.SUCCESS, "main").count());
        assertTrue(TextExposition.render(state).contains(
                "hookmeter_tool_duration_seconds_count{agent=\"main\",outcome=\"error\",tool=\"Read\"} 0\n"));
    }

    @Test
    void aToolsFirstErrorAlsoCreatesItsSuccessSeriesPerAgent() {
        ToolMetrics.record(state, new ToolCall("Bash", ToolCall.ERROR, "Explore", null, 100, 2));
        assertEquals(0, ToolMetrics.duration(state).find("Bash", ToolCall.SUCCESS, "Explore").count());
        assertEquals(0, ToolMetrics.duration(state).find("Bash", ToolCall.ERROR, "Explore").count(),
                "no duration: counted as unmeasured, not observed");
        assertNull(ToolMetrics.duration(state).find("Bash", ToolCall.SUCCESS, "main"), "only the agent that called");
        assertNull(ToolMetrics.duration(state).find("Bash", ToolCall.INTERRUPTED, "Explore"),
                "interrupts are the user's doing: no alert reads them, no zero series");
    }

    @Test
    void laterCallsLeaveTheZeroSeriesAlone() {
        ToolMetrics.record(state, new ToolCall("Grep", ToolCall.SUCCESS, "main", 0.2, 100, null));
        ToolMetrics.record(state, new ToolCall("Grep", ToolCall.ERROR, "main", 0.4, 101, null));
        ToolMetrics.record(state, new ToolCall("Grep", ToolCall.SUCCESS, "main", 0.2, 102, null));
        assertEquals(2, ToolMetrics.duration(state).find("Grep", ToolCall.SUCCESS, "main").count());
        assertEquals(1, ToolMetrics.duration(state).find("Grep", ToolCall.ERROR, "main").count());
        assertEquals(0.4, ToolMetrics.duration(state).find("Grep", ToolCall.ERROR, "main").sum());
    }
}
