package io.hookmeter.hook.spool;

import io.hookmeter.hook.state.Buckets;
import io.hookmeter.hook.state.HistogramFamily;
import io.hookmeter.hook.state.MetricsState;

/** {@value #NAME}: how long Claude Code waited for the hook, by event. */
public final class HookDuration {
    public static final String NAME = "hookmeter_hook_duration_seconds";

    private HookDuration() {
    }

    public static HistogramFamily family(MetricsState state) {
        return state.histogram(NAME,
                "Wall time of hookmeter hook runs from their start to the event written to the spool, by event.",
                Buckets.seconds(), "event");
    }
}
