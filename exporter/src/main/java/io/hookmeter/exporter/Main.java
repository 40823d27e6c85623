package io.hookmeter.exporter;

import io.hookmeter.exporter.collect.NamedCollector;
import io.hookmeter.exporter.config.ConfigException;
import io.hookmeter.exporter.config.ConfigLoader;
import io.hookmeter.exporter.config.ExporterConfig;
import io.hookmeter.exporter.serve.ExporterServer;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Entry point of {@code hookmeter-exporter}: parse the configuration, start serving, stop cleanly on SIGTERM. */
public final class Main {
    static final int EXIT_CONFIG = 2;
    static final int EXIT_START = 1;

    private Main() {
    }

    public static void main(String[] args) {
        // The JDK HTTP server writes headers and body separately: without TCP_NODELAY, Nagle's algorithm and the
        // scraper's delayed ACK add ~40 ms to every keep-alive scrape. Must be set before the server class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        List<String> argList = Arrays.asList(args);
        if (argList.contains("--version")) {
            System.out.println("hookmeter-exporter " + version());
            return;
        }
        if (argList.contains("--help") || argList.contains("-h")) {
            System.out.print(Usage.text());
            return;
        }
        ExporterConfig config;
        try {
            config = ConfigLoader.load(argList, System.getenv());
        } catch (ConfigException e) {
            System.err.println("hookmeter-exporter: " + e.getMessage());
            System.exit(EXIT_CONFIG);
            return;
        }
        List<NamedCollector> collectors = CollectorFactory.create(config);
        ExporterServer server;
        try {
            server = ExporterServer.start(config.listenAddress(), collectors, config.collectorTimeout(), version(),
                    config.exporterMetrics());
        } catch (IOException | RuntimeException e) {
            System.err.println("hookmeter-exporter: cannot listen on " + config.listenAddress() + ": " + e);
            System.exit(EXIT_START);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        System.err.println("hookmeter-exporter " + version() + " listening on " + config.listenAddress()
                + " (backend " + CollectorFactory.resolve(config).name().toLowerCase() + "; collectors "
                + String.join(", ", collectors.stream().map(NamedCollector::name).toList()) + ")");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
