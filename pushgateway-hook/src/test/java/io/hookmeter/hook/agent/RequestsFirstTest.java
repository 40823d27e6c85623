package io.hookmeter.hook.agent;

import io.hookmeter.hook.http.RequestActivity;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's loop holds batches back while requests come in, never longer than a second. */
class RequestsFirstTest {
    private final RequestsFirst first = new RequestsFirst();
    private final RequestActivity requests = new RequestActivity();

    @Test
    void withNoServerOrNoRequestsABatchStartsAtOnce() {
        assertTrue(first.mayApply(0));
        first.follow(requests);
        assertTrue(first.mayApply(0));
        assertFalse(first.holding());
        assertFalse(first.answering());
    }

    @Test
    void aBatchWaitsWhileARequestIsAnsweredButNoLongerThanASecond() {
        first.follow(requests);
        requests.begin();
        assertTrue(first.answering());
        assertFalse(first.mayApply(10_000));
        assertTrue(first.holding());
        assertFalse(first.mayApply(10_000 + RequestsFirst.MAX_WAIT_MILLIS - 1));
        assertTrue(first.mayApply(10_000 + RequestsFirst.MAX_WAIT_MILLIS), "a flood does not hold work back for good");
        assertFalse(first.holding());
        assertFalse(first.mayApply(10_000 + RequestsFirst.MAX_WAIT_MILLIS + 1), "the next batch waits again");
    }

    @Test
    void aBatchStartsOnceTheDoorWasQuietForAMoment() throws InterruptedException {
        first.follow(requests);
        requests.begin();
        requests.end();
        assertFalse(first.answering());
        assertFalse(first.mayApply(0), "a request ended just now: more are likely on their way");
        Thread.sleep(RequestsFirst.QUIET_MILLIS + 20);
        assertTrue(first.mayApply(1));
        assertFalse(first.holding());
    }
}
