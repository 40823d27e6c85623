package io.hookmeter.hook.toolcall;

import io.hookmeter.hook.project.ProjectLabel;
import io.hookmeter.hook.state.Buckets;
import io.hookmeter.hook.state.CounterFamily;
import io.hookmeter.hook.state.GaugeFamily;
import io.hookmeter.hook.state.HistogramFamily;
import io.hookmeter.hook.state.MetricsState;

/** The per-tool families of docs/design.md#metric-contract, and how one {@link ToolCall} updates them. */
public final class ToolMetrics {
    public static final String DURATION = "hookmeter_tool_duration_seconds";
    public static final String LAST_CALL = "hookmeter_tool_last_call_timestamp_seconds";
    public static final String EXIT_CODES = "hookmeter_tool_exit_codes_total";
    public static final String UNMEASURED = "hookmeter_tool_unmeasured_calls_total";

    private ToolMetrics() {
    }

    /**
     * The last label, {@code project}, is empty (no label) for calls from outside a git work tree; the help text is
     * the one from before that label, so that those series are exposed byte for byte as before.
     */
    public static HistogramFamily duration(MetricsState state) {
        return state.histogram(DURATION, "Tool call duration in seconds, by tool, outcome and agent.",
                Buckets.seconds(), "tool", "outcome", "agent", ProjectLabel.LABEL);
    }

    public static GaugeFamily lastCall(MetricsState state) {
        return state.gauge(LAST_CALL, "Unix time of the last call of each tool.", "tool");
    }

    public static CounterFamily exitCodes(MetricsState state) {
        return state.counter(EXIT_CODES, "Failed commands by tool and exit code.", "tool", "code");
    }

    /**
     * Calls whose duration is unknown (no duration_ms, no matching PreToolUse; interrupted calls that never got a
     * Post; starts dropped unfinished): counted, never given a made-up time.
     */
    public static CounterFamily unmeasured(MetricsState state) {
        return state.counter(UNMEASURED, "Tool calls without a known duration, by tool, outcome and agent.",
                "tool", "outcome", "agent");
    }

    /** A call without a project (exec, record, CSV imports, calls whose end was never seen). */
    public static void record(MetricsState state, ToolCall call) {
        record(state, call, ProjectLabel.NONE);
    }

    /** A call in {@code project} ({@link ProjectLabel}; empty: none), which only its duration series carry. */
    public static void record(MetricsState state, ToolCall call, String project) {
        HistogramFamily duration = duration(state);
        if (call.durationSeconds() != null) {
            duration.observe(call.durationSeconds(), call.tool(), call.outcome(), call.agent(), project);
        } else {
            unmeasured(state).inc(call.tool(), call.outcome(), call.agent());
        }
        // A tool's success and error series exist from its first call, at zero: increase() and rate() only count
        // what a series gains after its first scrape, so an error series born at 1 (or at 10, for a burst) would hide
        // the first errors of a tool from ToolErrorRateHigh and the dashboards.
        duration.ensure(call.tool(), ToolCall.SUCCESS, call.agent(), project);
        duration.ensure(call.tool(), ToolCall.ERROR, call.agent(), project);
        lastCall(state).setMax(call.timestampSeconds(), call.tool());
        if (call.exitCode() != null && call.exitCode() != 0) {
            exitCodes(state).inc(call.tool(), Integer.toString(call.exitCode()));
        }
    }
}
