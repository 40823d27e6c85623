package io.hookmeter.hook.alerts;

import io.hookmeter.harness.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alertmanager down or hanging: the probe gives up within its budget and remembers that for the cache TTL. */
class FiringAlertsProbeTest {
    @TempDir
    Path home;
    private final AtomicLong clock = new AtomicLong(1_000_000);

    @Test
    void downIsUnreachableAndCached() {
        // a generous budget: a refused connection must say so even on a busy machine
        FiringAlertsProbe probe = probe("http://127.0.0.1:" + FreePorts.next(), 10_000);
        AlertSummary first = probe.summary();
        assertFalse(first.reachable());
        assertTrue(first.problem().contains("Connection refused"), first.problem());
        assertEquals(first, new AlertSummaryCache(home).fresh(clock.get()));
    }

    @Test
    void hangingServerCostsOneBudgetPerTtl() throws IOException, InterruptedException {
        try (HangingServer hanging = new HangingServer()) {
            FiringAlertsProbe probe = probe(hanging.url(), FiringAlertsProbe.BUDGET_MILLIS);

            AlertSummary first = probe.summary();
            assertFalse(first.reachable());
            assertEquals("no answer from " + hanging.url() + " within 150 ms", first.problem());
            hanging.awaitConnections(1);
            clock.addAndGet(AlertSummaryCache.TTL_MILLIS - 1);
            assertEquals(first, probe.summary(), "within the TTL: from the cache, no new connection");
            assertEquals(1, hanging.connections());

            clock.addAndGet(1);
            assertFalse(probe.summary().reachable());
            hanging.awaitConnections(2); // after the TTL it asks again
        }
    }

    @Test
    void badUrlIsUnreachableNotAnException() {
        AlertSummary summary = probe("not a url", 10_000).summary();
        assertFalse(summary.reachable());
    }

    private FiringAlertsProbe probe(String url, long budgetMillis) {
        return new FiringAlertsProbe(new AlertmanagerClient(url), new AlertSummaryCache(home), budgetMillis,
                clock::get);
    }
}
