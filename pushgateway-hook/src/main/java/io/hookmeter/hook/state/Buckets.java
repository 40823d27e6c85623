package io.hookmeter.hook.state;

/** Histogram bucket upper bounds. */
public final class Buckets {
    /** Durations in seconds (docs/design.md#metric-contract); the implicit {@code +Inf} bucket follows the last one. */
    private static final double[] SECONDS = {
        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800
    };

    private Buckets() {
    }

    /** A fresh copy of the duration buckets (seconds). */
    public static double[] seconds() {
        return SECONDS.clone();
    }
}
