package io.hookmeter.hook.http;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether a server is answering requests now, or was a moment ago: what background work in the same process reads
 * to step aside while requests come in (the agent's batches, see {@code Agent}), since on a small machine every
 * core they take is a core a waiting request does not get.
 */
public final class RequestActivity {
    private final AtomicInteger inProgress = new AtomicInteger();
    private volatile long lastEndNanos = System.nanoTime() - Long.MAX_VALUE / 2;

    /** The server read a request's head. */
    public void begin() {
        inProgress.incrementAndGet();
    }

    /** The server wrote the answer (or gave up on the request). */
    public void end() {
        lastEndNanos = System.nanoTime();
        inProgress.decrementAndGet();
    }

    /** Requests being served now (read, handled, answered). */
    public int inProgress() {
        return inProgress.get();
    }

    /** Whether a request is being served, or one ended less than {@code millis} ago. */
    public boolean busyWithin(long millis) {
        return inProgress.get() > 0 || System.nanoTime() - lastEndNanos < millis * 1_000_000L;
    }
}
