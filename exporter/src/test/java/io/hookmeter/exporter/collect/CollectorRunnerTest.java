package io.hookmeter.exporter.collect;

import io.hookmeter.exporter.config.ListenAddress;
import io.hookmeter.exporter.serve.ExporterServer;
import io.hookmeter.harness.Http;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Self-health: a throwing or hanging collector is reported and skipped; the rest is always served. */
class CollectorRunnerTest {
    private static final NamedCollector WORKING = new NamedCollector("working",
            out -> out.gauge("node_load1", "1m load average.").add(0.5));

    private static final NamedCollector THROWING = new NamedCollector("throwing", out -> {
        out.gauge("node_half_written", "never served").add(1);
        throw new java.io.IOException("no such file");
    });

    /** Blocks like statfs on a dead NFS server, until released. */
    private static final class Hanging implements Collector {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger started = new AtomicInteger();

        @Override
        public void collect(MetricSink out) throws InterruptedException {
            started.incrementAndGet();
            release.await();
        }
    }

    /** The hanging collector comes first: the collectors queued behind it must still run. */
    @Test
    void failingAndHangingCollectorsLeaveTheOthersServed() throws Exception {
        Hanging hanging = new Hanging();
        try (ExporterServer server = ExporterServer.start(new ListenAddress("127.0.0.1", 0),
                List.of(new NamedCollector("hanging", hanging), THROWING, WORKING), Duration.ofMillis(300), "test", false)) {
            String url = "http://127.0.0.1:" + server.port() + "/metrics";
            for (int scrape = 0; scrape < 2; scrape++) {
                String body = Http.getOk(url);
                assertTrue(body.contains("node_load1 0.5"), body);
                assertTrue(body.contains("node_scrape_collector_success{collector=\"working\"} 1.0"), body);
                assertTrue(body.contains("node_scrape_collector_success{collector=\"throwing\"} 0.0"), body);
                assertTrue(body.contains("node_scrape_collector_success{collector=\"hanging\"} 0.0"), body);
                assertTrue(body.contains("node_scrape_collector_duration_seconds{collector=\"hanging\"}"), body);
                assertTrue(!body.contains("node_half_written"), "a failed collector's partial output is dropped");
                assertTrue(body.contains("hookmeter_exporter_build_info{"), body);
            }
            assertEquals(1, hanging.started.get(), "a collector still hanging is not started again");
            hanging.release.countDown();
        }
    }

    @Test
    void concurrentScrapesShareOneCollection() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Collector slow = out -> {
            runs.incrementAndGet();
            inside.countDown();
            release.await();
            out.gauge("node_procs_running", "Number of processes in runnable state.").add(3);
        };
        ExecutorService scrapers = Executors.newFixedThreadPool(4);
        try (CollectorRunner runner = new CollectorRunner(List.of(new NamedCollector("slow", slow)), Duration.ofSeconds(10))) {
            List<Future<String>> results = new ArrayList<>();
            results.add(scrapers.submit(() -> Exposition.text(runner.collect())));
            inside.await();
            for (int i = 0; i < 3; i++) {
                results.add(scrapers.submit(() -> Exposition.text(runner.collect())));
            }
            Thread.sleep(500);
            release.countDown();
            for (Future<String> result : results) {
                assertTrue(result.get().contains("node_procs_running 3.0"), result.get());
            }
            assertEquals(1, runs.get(), "scrapes that arrive during a collection share its result");
        } finally {
            scrapers.shutdownNow();
        }
    }
}
