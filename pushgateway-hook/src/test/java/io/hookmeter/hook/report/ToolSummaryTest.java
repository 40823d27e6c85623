package io.hookmeter.hook.report;

import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.toolcall.ToolCall;
import io.hookmeter.hook.toolcall.ToolMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToolSummaryTest {
    @Test
    void quantilesInterpolateWithinTheBucketLikeHistogramQuantile() {
        double[] bounds = {1, 2, 4};
        // 10 observations in (1, 2]: the median is half-way, 1.5; the 95th percentile is 1.95.
        assertEquals(1.5, ToolSummary.quantile(0.5, bounds, new long[] {0, 10, 0, 0}, 10), 1e-9);
        assertEquals(1.95, ToolSummary.quantile(0.95, bounds, new long[] {0, 10, 0, 0}, 10), 1e-9);
        assertEquals(4, ToolSummary.quantile(0.95, bounds, new long[] {1, 0, 0, 9}, 10), "+Inf: the last bound");
        assertTrue(Double.isNaN(ToolSummary.quantile(0.5, bounds, new long[4], 0)));
    }

    @Test
    void perToolAcrossOutcomesAndAgentsWithUnmeasuredCalls() {
        MetricsState state = new MetricsState();
        ToolMetrics.record(state, new ToolCall("Bash", "success", "main", 0.2, 100, null));
        ToolMetrics.record(state, new ToolCall("Bash", "error", "Explore", 0.4, 300, 1));
        ToolMetrics.record(state, new ToolCall("Bash", "success", "main", null, 200, null));
        ToolMetrics.record(state, new ToolCall("Read", "success", "main", 0.01, 50, null));
        List<ToolSummary> summaries = ToolSummary.of(state);
        ToolSummary bash = summaries.get(0);
        assertEquals("Bash", bash.tool());
        assertEquals(3, bash.calls());
        assertEquals(2, bash.measured());
        assertEquals(2.0 / 3, bash.successRate(), 1e-9);
        assertEquals(0.3, bash.meanSeconds(), 1e-9);
        assertEquals(300, bash.lastCallSeconds());
        assertEquals("Read", summaries.get(1).tool());
    }
}
