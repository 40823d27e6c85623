package io.hookmeter.exporter.serve;

import io.hookmeter.exporter.collect.CollectorRunner;
import io.hookmeter.exporter.collect.NamedCollector;
import io.hookmeter.exporter.config.ListenAddress;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running exporter: client_java's HTTP server on the listen address, serving the collectors (through a
 * {@link CollectorRunner}), build info and client_java's JVM and process metrics.
 */
public final class ExporterServer implements AutoCloseable {
    /**
     * Scrapes are coalesced, so two threads serve any number of concurrent scrapers and still answer
     * {@code /-/healthy} while a scrape waits for a slow collector. Every thread costs RSS: 4 threads measured
     * about 0.3 MiB more (docs/benchmarks.md).
     */
    private static final int HTTP_THREADS = 2;

    private final CollectorRunner runner;
    private final HTTPServer http;

    private ExporterServer(CollectorRunner runner, HTTPServer http) {
        this.runner = runner;
        this.http = http;
    }

    public static ExporterServer start(ListenAddress address, List<NamedCollector> collectors, Duration timeout,
                                       String version, boolean jvmMetrics) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        CollectorRunner runner = new CollectorRunner(collectors, timeout);
        registry.register(runner);
        Info.builder().name("hookmeter_exporter_build_info")
                .help("A metric with a constant '1' value labeled by version, java_version, os and arch of "
                        + "hookmeter-exporter.")
                .labelNames("version", "java_version", "os", "arch")
                .register(registry)
                .addLabelValues(version, System.getProperty("java.version"), System.getProperty("os.name"),
                        System.getProperty("os.arch"));
        if (jvmMetrics) {
            // A lean subset of client_java's JvmMetrics: memory, GC, threads, runtime and process_* (like
            // node_exporter's own process_* metrics). The full set adds memory-pool allocation listeners and
            // native-memory diagnostics that cost several MiB of RSS in a process meant to be small.
            JvmMemoryMetrics.builder().register(registry);
            JvmGarbageCollectorMetrics.builder().register(registry);
            JvmThreadsMetrics.builder().register(registry);
            JvmRuntimeInfoMetric.builder().register(registry);
            ProcessMetrics.builder().register(registry);
        }
        HTTPServer.Builder builder = HTTPServer.builder()
                .port(address.port())
                .registry(registry)
                .executorService(executor())
                .defaultHandler(new RoutesHandler(version, collectors.stream().map(NamedCollector::name).toList()));
        if (address.host() != null) {
            builder.hostname(address.host());
        }
        try {
            return new ExporterServer(runner, builder.buildAndStart());
        } catch (IOException | RuntimeException e) {
            runner.close();
            throw e;
        }
    }

    private static ExecutorService executor() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(HTTP_THREADS, HTTP_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "http-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    public int port() {
        return http.getPort();
    }

    @Override
    public void close() {
        http.close();
        runner.close();
    }
}
