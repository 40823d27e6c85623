package io.hookmeter.hook.agent;

import io.hookmeter.hook.http.RequestActivity;

/**
 * The agent answers first and applies in the gaps. Claude Code waits for every {@code POST /hook} answer; nobody
 * waits for a batch (a push may come up to a second after an event). So while requests come in, a batch does not
 * start until the door has been quiet for {@value #QUIET_MILLIS} ms, or until work has waited {@value #MAX_WAIT_MILLIS}
 * ms (a flood that outlasts that is applied meanwhile, the batch stepping aside between events while a request is
 * being answered). On 2 cores flooded by 8 connections, the batches' CPU and the collections of their garbage had
 * put the round trip's p99 at 4-6 ms; what is deferred is applied as soon as the flood ends.
 */
final class RequestsFirst {
    static final long QUIET_MILLIS = 2;
    static final long MAX_WAIT_MILLIS = 1000;

    private volatile RequestActivity activity;
    /** When the loop first held back a batch for requests; -1 when it is not holding one back. */
    private long holdingSince = -1;

    /** The server whose requests come first (set once it listens). */
    void follow(RequestActivity requests) {
        this.activity = requests;
    }

    /** Whether a batch may start now; false holds it back (then ask again in {@link #QUIET_MILLIS} ms). */
    boolean mayApply(long now) {
        RequestActivity requests = activity;
        if (requests == null || !requests.busyWithin(QUIET_MILLIS)) {
            holdingSince = -1;
            return true;
        }
        if (holdingSince < 0) {
            holdingSince = now;
        }
        if (now - holdingSince >= MAX_WAIT_MILLIS) {
            holdingSince = -1;
            return true;
        }
        return false;
    }

    /** Whether the loop is holding a batch back now. */
    boolean holding() {
        return holdingSince >= 0;
    }

    /** Whether a request is being answered now: a running batch steps aside between events. */
    boolean answering() {
        RequestActivity requests = activity;
        return requests != null && requests.inProgress() > 0;
    }
}
