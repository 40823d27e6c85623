package io.hookmeter.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookmeter.harness.Http;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.PrometheusApi;
import io.hookmeter.harness.Servers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness really starts each binary (we talk to its API) and leaves no process behind. */
class HarnessIT {

    @Test
    void startsEveryRealServerAndStopsThemAll() {
        List<ManagedProcess> all;
        try (Servers servers = new Servers()) {
            ManagedProcess pushgateway = servers.pushgateway();
            var put = Http.send("PUT", pushgateway.url() + "/metrics/job/harness",
                    "# TYPE harness_probe gauge\nharness_probe 42\n", "text/plain; version=0.0.4");
            assertEquals(200, put.statusCode(), put.body());
            assertTrue(Http.getOk(pushgateway.url() + "/metrics").contains("harness_probe{instance=\"\",job=\"harness\"} 42"));

            ManagedProcess alertmanager = servers.alertmanager("""
                    route: {receiver: none}
                    receivers: [{name: none}]
                    """);
            var post = Http.send("POST", alertmanager.url() + "/api/v2/alerts",
                    "[{\"labels\":{\"alertname\":\"HarnessProbe\",\"severity\":\"info\"}}]", "application/json");
            assertEquals(200, post.statusCode(), post.body());
            assertTrue(Http.getOk(alertmanager.url() + "/api/v2/status").contains("\"cluster\""));

            ManagedProcess prometheus = servers.prometheus("""
                    global: {scrape_interval: 1s}
                    scrape_configs:
                      - job_name: pushgateway
                        honor_labels: true
                        static_configs: [{targets: ['127.0.0.1:%d']}]
                    """.formatted(pushgateway.port()));
            JsonNode result = new PrometheusApi(prometheus)
                    .awaitNonEmpty("harness_probe{job=\"harness\"}", Duration.ofSeconds(30));
            assertEquals("42", result.get(0).get("value").get(1).asText());

            ManagedProcess nodeExporter = servers.nodeExporter();
            assertTrue(Http.getOk(nodeExporter.url() + "/metrics").contains("node_cpu_seconds_total"));

            all = servers.started();
            assertEquals(4, all.size());
            all.forEach(p -> assertTrue(p.isAlive(), p.name() + " should be running"));
        }
        for (ManagedProcess process : all) {
            assertFalse(process.isAlive(), process.name() + " still running after close");
            Optional<ProcessHandle> handle = ProcessHandle.of(process.pid());
            assertTrue(handle.isEmpty() || !handle.get().isAlive(), process.name() + " pid " + process.pid() + " leaked");
        }
    }

    @Test
    void aServerThatCannotStartFailsWithItsLog() {
        try (Servers servers = new Servers()) {
            AssertionError error = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                    () -> servers.prometheus("this: is: not: a prometheus config"));
            assertTrue(error.getMessage().contains("prometheus exited with code"), error.getMessage());
            assertTrue(error.getMessage().contains("--config.file="), "the log should be in the message");
        }
    }
}
