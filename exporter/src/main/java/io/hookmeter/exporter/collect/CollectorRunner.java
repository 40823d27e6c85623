package io.hookmeter.exporter.collect;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the enabled collectors for a scrape, one after the other on a worker thread, each under a time limit, and
 * adds node_exporter's self-health metrics. A collector that throws or overruns its limit is reported with
 * success 0 and left out; the others are served. A collector still stuck from an earlier scrape (a hung network
 * mount) is not started again, so hangs cost at most one thread per collector. Scrapes that arrive while one is
 * running share its result instead of collecting again: concurrent scrapes stay cheap and never read /proc twice
 * at once.
 */
public final class CollectorRunner implements MultiCollector, AutoCloseable {
    private final List<NamedCollector> collectors;
    private final long timeoutNanos;
    private final ExecutorService pool;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Map<String, String> lastFailure = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private CompletableFuture<MetricSnapshots> inFlight;

    public CollectorRunner(List<NamedCollector> collectors, Duration timeout) {
        this.collectors = List.copyOf(collectors);
        this.timeoutNanos = timeout.toNanos();
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "collector-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public MetricSnapshots collect() {
        CompletableFuture<MetricSnapshots> shared;
        boolean mine = false;
        synchronized (lock) {
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                mine = true;
            }
            shared = inFlight;
        }
        if (mine) {
            try {
                shared.complete(scrape());
            } catch (RuntimeException | Error e) {
                shared.completeExceptionally(e);
            } finally {
                synchronized (lock) {
                    inFlight = null;
                }
            }
        }
        return shared.join();
    }

    private MetricSnapshots scrape() {
        List<CompletableFuture<Outcome>> futures = new ArrayList<>(collectors.size());
        Queue<Task> queue = new ConcurrentLinkedQueue<>();
        for (NamedCollector collector : collectors) {
            CompletableFuture<Outcome> future = new CompletableFuture<>();
            if (running.add(collector.name())) {
                queue.add(new Task(collector, future));
            } else {
                future.complete(new Outcome(null, "still running from an earlier scrape", 0));
            }
            futures.add(future);
        }
        pool.execute(() -> drain(queue));
        MetricSink self = new MetricSink();
        MetricSink.Family duration = self.gauge("node_scrape_collector_duration_seconds",
                "node_exporter: Duration of a collector scrape.", "collector");
        MetricSink.Family success = self.gauge("node_scrape_collector_success",
                "node_exporter: Whether a collector succeeded.", "collector");
        List<MetricSnapshot> all = new ArrayList<>();
        for (int i = 0; i < collectors.size(); i++) {
            String name = collectors.get(i).name();
            Outcome outcome = await(futures.get(i), queue);
            duration.add(outcome.seconds, name);
            success.add(outcome.snapshots == null ? 0 : 1, name);
            if (outcome.snapshots != null) {
                all.addAll(outcome.snapshots);
            }
            report(name, outcome.failure);
        }
        all.addAll(self.snapshots());
        return new MetricSnapshots(all);
    }

    /**
     * Runs queued collectors one after the other: one worker thread per scrape, no contention on small hosts.
     * A worker stuck in a hung collector is abandoned and another one drains the rest of the queue.
     */
    private void drain(Queue<Task> queue) {
        for (Task task = queue.poll(); task != null; task = queue.poll()) {
            task.future.complete(run(task.collector));
        }
    }

    private Outcome run(NamedCollector collector) {
        long start = System.nanoTime();
        try {
            MetricSink sink = new MetricSink();
            collector.collector().collect(sink);
            List<MetricSnapshot> snapshots = sink.snapshots();
            return new Outcome(snapshots, null, seconds(start));
        } catch (Exception | LinkageError e) {
            return new Outcome(null, e.toString(), seconds(start));
        } finally {
            running.remove(collector.name());
        }
    }

    /** Waits for one collector: the collectors before it are done, so it is running (or about to) now. */
    private Outcome await(CompletableFuture<Outcome> future, Queue<Task> queue) {
        long start = System.nanoTime();
        try {
            return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Its worker stays stuck in it (and clears the "running" mark whenever it returns); a fresh worker
            // carries on with the collectors still queued.
            pool.execute(() -> drain(queue));
            return new Outcome(null, "timed out after " + Duration.ofNanos(timeoutNanos).toMillis() + " ms",
                    seconds(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted", seconds(start));
        } catch (Exception e) {
            return new Outcome(null, String.valueOf(e.getCause()), seconds(start));
        }
    }

    /** Logs a collector's failure once when it starts failing (or fails differently), and once when it recovers. */
    private void report(String name, String failure) {
        String before = failure == null ? lastFailure.remove(name) : lastFailure.put(name, failure);
        if (failure != null && !failure.equals(before)) {
            System.err.println("hookmeter-exporter: collector " + name + " failed: " + failure);
        } else if (failure == null && before != null) {
            System.err.println("hookmeter-exporter: collector " + name + " works again");
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private record Outcome(List<MetricSnapshot> snapshots, String failure, double seconds) {
    }

    private record Task(NamedCollector collector, CompletableFuture<Outcome> future) {
    }
}
