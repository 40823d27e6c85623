package io.hookmeter.hook.agent;

import io.hookmeter.hook.push.Pusher;

/**
 * When the agent pushes: at most once a second while busy, within a second of the last change, at least every
 * {@code agent.push_refresh_seconds} (a Pushgateway restarted without persistence is refilled even when idle), and
 * no sooner than the open circuit breaker lets one through.
 */
final class PushSchedule {
    /** At most one push a second while busy. */
    static final long PUSH_INTERVAL_MILLIS = 1000;

    /** Something applied is not pushed yet (set from the HTTP server's threads too). */
    private volatile boolean pending = true;
    /** When the next push may be tried. */
    private long nextAt;
    private long lastPushMillis = System.currentTimeMillis();

    boolean pending() {
        return pending;
    }

    void markPending() {
        pending = true;
    }

    /** Whether a push may be tried now. */
    boolean due(long now) {
        return now >= nextAt;
    }

    /** Marks a push pending when the last is older than {@code refreshMillis} (0: never). */
    void refreshIfStale(long now, long refreshMillis) {
        if (refreshMillis > 0 && now - lastPushMillis >= refreshMillis) {
            pending = true;
        }
    }

    /** A push was tried with this outcome. */
    void pushed(Pusher.Outcome outcome, long breakerOpenMillis) {
        long at = System.currentTimeMillis();
        lastPushMillis = at;
        nextAt = at + (outcome == Pusher.Outcome.SKIPPED_BREAKER_OPEN
                ? Math.max(PUSH_INTERVAL_MILLIS, breakerOpenMillis) : PUSH_INTERVAL_MILLIS);
        pending = outcome == Pusher.Outcome.FAILED || outcome == Pusher.Outcome.SKIPPED_BREAKER_OPEN;
    }

    /** {@code wait}, shortened to when a pending push becomes due. */
    long shortenWait(long now, long wait) {
        return pending ? Math.min(wait, Math.max(1, nextAt - now)) : wait;
    }
}
