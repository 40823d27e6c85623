package io.hookmeter.hook.state;

/** The hook's self-monitoring counters (docs/design.md#metric-contract), shared by all that update the state. */
public final class SelfMetrics {
    public static final String REJECTED = "hookmeter_events_rejected_total";
    public static final String RECOVERIES = "hookmeter_state_recoveries_total";
    public static final String PUSH_FAILURES = "hookmeter_push_failures_total";

    private SelfMetrics() {
    }

    /** Events (or updates) dropped, by reason: malformed_json, unknown_event, invalid_field, series_limit, ... */
    public static CounterFamily rejected(MetricsState state) {
        return state.counter(REJECTED, "Hook events or updates dropped, by reason.", "reason");
    }

    public static void rejected(MetricsState state, String reason) {
        rejected(state).inc(reason);
    }

    public static CounterFamily recoveries(MetricsState state) {
        return state.counter(RECOVERIES, "Times an unreadable state file was moved aside and the state started fresh.");
    }

    public static CounterFamily pushFailures(MetricsState state) {
        return state.counter(PUSH_FAILURES, "Pushes to the Pushgateway that failed (the next success carries the totals).");
    }

    /** Creates the self-monitoring counters at 0, so that alerts can use rate() and absent() from the start. */
    public static void touch(MetricsState state) {
        recoveries(state).touch();
        pushFailures(state).touch();
        rejected(state);
    }
}
