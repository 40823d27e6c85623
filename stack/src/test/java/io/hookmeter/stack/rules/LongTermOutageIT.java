package io.hookmeter.stack.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookmeter.harness.FreePorts;
import io.hookmeter.harness.Http;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.PrometheusApi;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The long-term Prometheus is stopped while the main one evaluates the hourly and daily aggregates, then started
 * again: every aggregate sample the main server recorded meanwhile still arrives, with its timestamp and value,
 * because remote write queues it from the WAL and retries. Real Pushgateway, real main and long-term Prometheus,
 * the shipped prometheus.yml, rules and prometheus-longterm.yml (addresses rewritten, as scripts/stack does).
 *
 * <p>Test-only overlay: 1 s scrape and evaluation, the aggregate groups every 2 s instead of 1h/1d, and the
 * long-term server's blocks 20 s instead of 2 h ({@code --storage.tsdb.min-block-duration}, a flag Prometheus keeps
 * for tests). Before the backlog reaches it, its own scrape moves its newest time more than half a block (10 s
 * instead of 1 h) past the backlog, older than what a server accepts in order: the backlog arrives only through the
 * shipped {@code out_of_order_time_window}, as after an outage of more than an hour in production.
 */
@ExtendWith(RealServers.class)
class LongTermOutageIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    /**
     * How far the long-term server's newest time gets past the outage's start before the backlog can reach it: more
     * than its in-order half block (10 s with the 20 s blocks below) past the first missed sample (2 s later).
     */
    private static final Duration AHEAD = Duration.ofSeconds(20);
    private static final String INSTANCE = "it-host";
    private static final String AGGREGATES =
            "{__name__=~\"instance_model_type:hookmeter_tokens:increase1[hd]\", instance=\"" + INSTANCE + "\"}";
    private static final String[] LONG_TERM_FLAGS = {"--query.lookback-delta=1h", "--web.enable-remote-write-receiver",
            "--storage.tsdb.min-block-duration=20s", "--storage.tsdb.max-block-duration=20s"};

    @Test
    void anAggregateEvaluatedWhileTheLongTermServerIsDownStillArrives(Servers servers) {
        ManagedProcess pushgateway = servers.pushgateway();
        pushTokens(pushgateway, 100);

        // Every service the test does not run gets a port nobody listens on: the shipped addresses must not reach
        // a stack that happens to run on this machine's canonical ports.
        Map<String, Integer> ports = new HashMap<>();
        ShippedStack.SERVICES.keySet().forEach(service -> ports.put(service, FreePorts.next()));
        ports.put("pushgateway", pushgateway.port());

        ShippedStack.Edit fast = (file, text) -> ShippedStack.fastPrometheus(file, text, "2s");
        Path longTermConfig = ShippedStack.copy("prometheus", servers.directory("longterm-config"), ports, fast)
                .resolve("prometheus-longterm.yml");
        ManagedProcess longTermServer = servers.prometheus(ports.get("prometheus-longterm"), longTermConfig,
                LONG_TERM_FLAGS);
        Path mainConfig = ShippedStack.copy("prometheus", servers.directory("main-config"), ports, fast)
                .resolve("prometheus.yml");
        PrometheusApi main = new PrometheusApi(servers.prometheus(ports.get("prometheus"), mainConfig));

        // The pipeline works: both aggregates reach the long-term server.
        new PrometheusApi(longTermServer).awaitResult(AGGREGATES, WAIT, r -> r.size() == 2);

        longTermServer.stop();
        long stoppedAt = System.currentTimeMillis();
        // New tokens while it is down, so the aggregates it misses differ from those it has.
        pushTokens(pushgateway, 250);
        awaitSamplesAfter(main, stoppedAt, 2);
        Map<String, Set<String>> recordedByMain = samples(main);

        // Back first where the main server cannot reach it (another port), until its own scrape has moved its
        // newest time more than the in-order half block past the backlog; then back on its address.
        ManagedProcess elsewhere = servers.prometheusAgain(longTermServer, FreePorts.next(), longTermConfig,
                LONG_TERM_FLAGS);
        new PrometheusApi(elsewhere).awaitNonEmpty("timestamp(up) > " + (stoppedAt + AHEAD.toMillis()) / 1000, WAIT);
        elsewhere.stop();
        ManagedProcess restarted = servers.prometheusAgain(longTermServer, longTermConfig, LONG_TERM_FLAGS);
        PrometheusApi longTerm = new PrometheusApi(restarted);

        // Every sample the main server recorded, those of the outage included, arrives with its timestamp and value.
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, Set<String>> received = samples(longTerm);
        while (!containsAll(received, recordedByMain) && System.nanoTime() < deadline) {
            sleep(500);
            received = samples(longTerm);
        }
        assertTrue(containsAll(received, recordedByMain),
                "recorded by the main server: " + recordedByMain + "\nreceived by the long-term server: " + received);

        // The queue retried through the outage, and the long-term server refused nothing.
        String queue = "{remote_name=\"longterm\"}";
        assertTrue(value(main, "prometheus_remote_storage_samples_retried_total" + queue) > 0, "no retry counted");
        assertEquals(0.0, value(main, "prometheus_remote_storage_samples_failed_total" + queue), "samples dropped");
    }

    /** Claude Code's tokens as hookmeter pushes them: job hookmeter, grouped by instance and user. */
    private static void pushTokens(ManagedProcess pushgateway, int input) {
        String body = "# TYPE hookmeter_tokens_total counter\n"
                + "hookmeter_tokens_total{model=\"claude-sonnet-4-5\",type=\"input\"} " + input + "\n";
        int status = Http.send("PUT", pushgateway.url() + "/metrics/job/hookmeter/instance/" + INSTANCE + "/user/it",
                body, "text/plain; version=0.0.4").statusCode();
        assertEquals(200, status, "push to the Pushgateway");
    }

    /** Each aggregate series (by name) and its samples of the last 10 minutes, as "timestamp value". */
    private static Map<String, Set<String>> samples(PrometheusApi prometheus) {
        Map<String, Set<String>> byName = new TreeMap<>();
        for (JsonNode series : prometheus.result(AGGREGATES + "[10m]")) {
            Set<String> values = byName.computeIfAbsent(series.at("/metric/__name__").asText(), k -> new TreeSet<>());
            for (JsonNode sample : series.get("values")) {
                values.add(sample.get(0).decimalValue().toPlainString() + " " + sample.get(1).asText());
            }
        }
        return byName;
    }

    private static void awaitSamplesAfter(PrometheusApi main, long stoppedAt, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Set<String>> recorded = samples(main);
            if (recorded.size() == 2 && recorded.values().stream()
                    .allMatch(s -> s.stream().filter(v -> after(v, stoppedAt)).count() >= count)) {
                return;
            }
            sleep(500);
        }
        throw new AssertionError("the main server did not evaluate the aggregates " + count + " times within " + WAIT);
    }

    private static boolean containsAll(Map<String, Set<String>> received, Map<String, Set<String>> recorded) {
        return recorded.entrySet().stream()
                .allMatch(e -> received.getOrDefault(e.getKey(), Set.of()).containsAll(e.getValue()));
    }

    private static boolean after(String sample, long millis) {
        return Double.parseDouble(sample.substring(0, sample.indexOf(' '))) * 1000 > millis;
    }

    private static double value(PrometheusApi prometheus, String expr) {
        JsonNode result = prometheus.result("sum(" + expr + ")");
        assertEquals(1, result.size(), expr + ": " + result);
        return result.get(0).at("/value/1").asDouble();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
