package io.hookmeter.alertsink;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The sink's HTTP server (the JDK's): webhooks, firing set, metrics and health, wired to one {@link NotificationSink}. */
final class SinkServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private SinkServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static SinkServer start(SinkOptions options) throws IOException {
        return start(options, Clock.systemUTC());
    }

    static SinkServer start(SinkOptions options, Clock clock) throws IOException {
        SinkMetrics metrics = new SinkMetrics();
        FiringSet firing = new FiringSet(options.stateFile());
        try {
            firing.load();
        } catch (IOException | RuntimeException e) {
            System.err.println("hookmeter-alert-sink: ignoring unreadable state file " + options.stateFile() + ": " + e);
        }
        NotificationSink sink = new NotificationSink(
                new NotificationLog(options.logFile(), options.maxBytes(), options.maxFiles()), firing, metrics, clock);

        HttpServer server = HttpServer.create(options.listen(), 16);
        server.createContext(NotificationSink.ALERTS_PATH, new WebhookHandler(sink, metrics, NotificationSink.ALERTS_PATH));
        server.createContext(NotificationSink.WATCHDOG_PATH, new WebhookHandler(sink, metrics, NotificationSink.WATCHDOG_PATH));
        server.createContext("/metrics", new MetricsHandler(metrics.registry));
        server.createContext("/-/healthy", exchange -> text(exchange, 200, "Healthy.\n"));
        server.createContext("/-/ready", exchange -> text(exchange, 200, "Ready.\n"));
        server.createContext("/", exchange -> text(exchange, "/".equals(exchange.getRequestURI().getPath()) ? 200 : 404,
                SinkOptions.USAGE));
        // Notifications are serialised by the log and the firing set anyway; two threads keep /metrics answering.
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "alert-sink-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new SinkServer(server, executor);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void text(HttpExchange exchange, int code, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /**
     * Stops at once (idle keep-alive connections from scrapers would otherwise hold stop() for its whole delay), but
     * lets a notification being written finish: no interrupt, which would close the log's FileChannel mid-line.
     */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
