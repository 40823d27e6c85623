package io.hookmeter.hook.agent;

import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.SelfMetrics;
import io.hookmeter.hook.statusline.StatusInput;
import io.hookmeter.hook.statusline.StatusLineMetrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the HTTP server hands in between batches, kept in memory and folded into the next transaction: the latest
 * status-line input per session and the requests it rejected. Losing them to a crash costs nothing that matters:
 * the next status-line input carries the same running totals.
 */
final class ServerInputs {
    /** A status-line input waits at most this long for a batch; then it gets one of its own. */
    static final long STATUS_DELAY_MILLIS = 10_000;

    private record SeenStatus(StatusInput input, long atMillis) {
    }

    private final Map<String, SeenStatus> statusInputs = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();
    private volatile long statusDueAt = Long.MAX_VALUE;

    /**
     * A status-line input: the latest per session waits and goes into the next batch, or one of its own within
     * {@value #STATUS_DELAY_MILLIS} ms (the status line posts every few hundred ms; a commit each would be waste).
     */
    void statusSeen(StatusInput input, long atMillis) {
        statusInputs.put(key(input), new SeenStatus(input, atMillis));
        if (statusDueAt == Long.MAX_VALUE) {
            statusDueAt = atMillis + STATUS_DELAY_MILLIS;
        }
    }

    void countRejected(String reason) {
        rejected.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    /** When waiting status-line inputs need a batch ({@link Long#MAX_VALUE}: none wait). */
    long statusDueAt() {
        return statusDueAt;
    }

    /** Folds everything waiting into {@code state}; true when a status-line input was recorded. */
    boolean foldInto(MetricsState state) {
        statusDueAt = Long.MAX_VALUE;
        List<SeenStatus> seen = new ArrayList<>(statusInputs.values());
        seen.sort(Comparator.comparingLong(SeenStatus::atMillis));
        for (SeenStatus status : seen) {
            statusInputs.remove(key(status.input()), status);
            StatusLineMetrics.record(status.input(), state, status.atMillis());
        }
        for (Map.Entry<String, AtomicLong> entry : rejected.entrySet()) {
            long count = entry.getValue().getAndSet(0);
            if (count > 0) {
                SelfMetrics.rejected(state).inc(count, entry.getKey());
            }
        }
        return !seen.isEmpty();
    }

    private static String key(StatusInput input) {
        return input.sessionId() == null ? "" : input.sessionId();
    }
}
