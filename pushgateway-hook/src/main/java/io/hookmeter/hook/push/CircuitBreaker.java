package io.hookmeter.hook.push;

import io.hookmeter.hook.state.PushStatus;

/**
 * Bounds time lost on a Pushgateway that is down or hangs (docs/design.md#the-push): after {@value #FAILURES_TO_OPEN}
 * consecutive failures pushing is skipped for {@value #OPEN_MILLIS} ms (config {@code push.breaker_open_ms}), then
 * one trial push is let through; its
 * failure opens the breaker again, its success closes it. The status lives in the state file, so it works across
 * hook processes.
 */
public final class CircuitBreaker {
    public static final int FAILURES_TO_OPEN = 3;
    public static final long OPEN_MILLIS = 15_000;

    private CircuitBreaker() {
    }

    /** True when a push may be tried now. */
    public static boolean allows(PushStatus status, long nowMillis) {
        return status.consecutiveFailures() < FAILURES_TO_OPEN || nowMillis >= status.openUntilMillis();
    }

    public static void recordSuccess(PushStatus status, long nowMillis) {
        status.succeeded(nowMillis);
    }

    public static void recordFailure(PushStatus status, long nowMillis, String error, long openMillis) {
        boolean opens = status.consecutiveFailures() + 1 >= FAILURES_TO_OPEN;
        status.failed(nowMillis, error, opens ? nowMillis + openMillis : 0);
    }
}
