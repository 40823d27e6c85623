package io.hookmeter.hook.alerts;

import io.hookmeter.harness.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
        AtomicInteger connections = new AtomicInteger();
        List<Socket> held = new ArrayList<>();
        try (ServerSocket hanging = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(hanging.accept()); // accepts, never answers
                        connections.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            FiringAlertsProbe probe = probe("http://127.0.0.1:" + hanging.getLocalPort(),
                    FiringAlertsProbe.BUDGET_MILLIS);

            AlertSummary first = probe.summary();
            assertFalse(first.reachable());
            assertEquals("no answer from http://127.0.0.1:" + hanging.getLocalPort() + " within 150 ms",
                    first.problem());
            awaitConnections(connections, 1);
            clock.addAndGet(AlertSummaryCache.TTL_MILLIS - 1);
            assertEquals(first, probe.summary(), "within the TTL: from the cache, no new connection");
            assertEquals(1, connections.get());

            clock.addAndGet(1);
            assertFalse(probe.summary().reachable());
            awaitConnections(connections, 2); // after the TTL it asks again
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void badUrlIsUnreachableNotAnException() {
        AlertSummary summary = probe("not a url", 10_000).summary();
        assertFalse(summary.reachable());
    }

    /** The acceptor thread may run late on a busy machine: wait for it (an event, not a duration). */
    private static void awaitConnections(AtomicInteger connections, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (connections.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, connections.get());
    }

    private FiringAlertsProbe probe(String url, long budgetMillis) {
        return new FiringAlertsProbe(new AlertmanagerClient(url), new AlertSummaryCache(home), budgetMillis,
                clock::get);
    }
}
