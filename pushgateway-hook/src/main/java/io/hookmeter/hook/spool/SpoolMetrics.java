package io.hookmeter.hook.spool;

import io.hookmeter.hook.state.Buckets;
import io.hookmeter.hook.state.CounterFamily;
import io.hookmeter.hook.state.GaugeFamily;
import io.hookmeter.hook.state.HistogramFamily;
import io.hookmeter.hook.state.MetricsState;

/** Self-monitoring of the spool and of whoever applies it (the agent, or a command applying in its place). */
public final class SpoolMetrics {
    public static final String DEPTH = "hookmeter_spool_depth";
    public static final String OLDEST = "hookmeter_spool_oldest_event_timestamp_seconds";
    public static final String BATCH_SIZE = "hookmeter_spool_batch_size";
    public static final String APPLY_DELAY = "hookmeter_spool_apply_delay_seconds";
    public static final String APPLIED = "hookmeter_events_applied_total";
    public static final String DROPPED = "hookmeter_events_dropped_total";
    static final double[] BATCH_BUCKETS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};

    private SpoolMetrics() {
    }

    public static GaugeFamily depth(MetricsState state) {
        return state.gauge(DEPTH, "Events waiting in the spool after the last applied batch.");
    }

    public static GaugeFamily oldest(MetricsState state) {
        return state.gauge(OLDEST,
                "Hand-over time of the oldest event still waiting in the spool after the last batch; 0 when empty.");
    }

    public static HistogramFamily batchSize(MetricsState state) {
        return state.histogram(BATCH_SIZE, "Events applied per batch (one state commit each).", BATCH_BUCKETS);
    }

    public static HistogramFamily applyDelay(MetricsState state) {
        return state.histogram(APPLY_DELAY, "Time from an event's hand-over to the spool to its applied commit.",
                Buckets.seconds());
    }

    public static CounterFamily applied(MetricsState state) {
        return state.counter(APPLIED, "Spooled events applied to the totals, by kind (hook, record, csv).", "kind");
    }

    public static CounterFamily dropped(MetricsState state) {
        return state.counter(DROPPED,
                "Events dropped at hand-over (spool_full, write_failed), the only way an event can be lost.",
                "reason");
    }

    /** Creates the series alerts and dashboards need from the start. */
    public static void touch(MetricsState state) {
        depth(state).set(depth(state).value());
        oldest(state).set(oldest(state).value());
        dropped(state).touch("spool_full");
        dropped(state).touch("write_failed");
    }
}
