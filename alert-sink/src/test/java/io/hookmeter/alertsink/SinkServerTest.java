package io.hookmeter.alertsink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sink over real HTTP on a free loopback port. */
class SinkServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant NOW = Instant.parse("2026-11-21T04:05:00Z");

    @TempDir
    Path dir;
    private SinkServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        SinkOptions options = new SinkOptions(new InetSocketAddress("127.0.0.1", 0), dir.resolve("alerts.jsonl"),
                1024 * 1024, 3, dir.resolve("alerts-firing.json"));
        server = SinkServer.start(options, Clock.fixed(NOW, ZoneOffset.UTC));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void logsEveryNotificationAndServesTheFiringSet() throws Exception {
        assertEquals(200, post("/alerts", resource("am-0.25-firing.json")).statusCode());
        assertEquals(200, post("/alerts", resource("am-newer-resolved.json")).statusCode());

        List<String> lines = Files.readAllLines(dir.resolve("alerts.jsonl"));
        assertEquals(2, lines.size());
        JsonNode first = JSON.readTree(lines.get(0));
        assertEquals(NOW.toString(), first.get("receivedAt").asText());
        assertEquals("/alerts", first.get("path").asText());
        assertEquals("firing", first.get("status").asText());
        assertTrue(first.path("notification_reason").isMissingNode(), "nothing invented for 0.25");
        JsonNode second = JSON.readTree(lines.get(1));
        assertEquals("alert_resolved", second.get("notification_reason").asText());
        assertEquals(1, second.at("/a_field_from_the_future/x").asInt());

        JsonNode firing = JSON.readTree(get("/alerts").body());
        assertEquals(1, firing.get("alerts").size());
        assertEquals("Read", firing.at("/alerts/0/labels/tool").asText());
        assertTrue(firing.get("watchdogLastSeen").isNull());
        assertEquals(firing.get("alerts"), JSON.readTree(dir.resolve("alerts-firing.json").toFile()).get("alerts"));

        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("hookmeter_alert_sink_notifications_total{receiver=\"warning\",status=\"firing\"} 1.0"), metrics);
        assertTrue(metrics.contains("hookmeter_alert_sink_notifications_total{receiver=\"warning\",status=\"resolved\"} 1.0"), metrics);
        assertTrue(metrics.contains("hookmeter_alert_sink_firing_alerts 1.0"), metrics);
    }

    @Test
    void watchdogHeartbeatsAreLoggedButNotFiring() throws Exception {
        String heartbeat = "{\"receiver\":\"watchdog\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\","
                + "\"labels\":{\"alertname\":\"Watchdog\",\"severity\":\"info\"}}]}";
        assertEquals(200, post("/watchdog", heartbeat).statusCode());
        JsonNode status = JSON.readTree(get("/alerts").body());
        assertEquals(0, status.get("alerts").size());
        assertEquals(NOW.toString(), status.get("watchdogLastSeen").asText());
        assertTrue(Files.readString(dir.resolve("alerts.jsonl")).contains("\"path\":\"/watchdog\""));
        assertTrue(get("/metrics").body().contains("hookmeter_alert_sink_watchdog_last_timestamp_seconds "
                + (double) NOW.getEpochSecond()));
    }

    @Test
    void badRequestsAreRefusedWithAReasonAndNothingIsLogged() throws Exception {
        assertEquals(400, post("/alerts", "not json").statusCode());
        assertEquals(400, post("/alerts", "[1,2]").statusCode());
        HttpResponse<String> noAlerts = post("/alerts", "{\"status\":\"firing\"}");
        assertEquals(400, noAlerts.statusCode());
        assertTrue(noAlerts.body().contains("alerts"), noAlerts.body());
        assertEquals(413, post("/alerts", "{\"x\":\"" + "y".repeat(WebhookHandler.MAX_BODY_BYTES) + "\"}").statusCode());
        assertEquals(405, send(HttpRequest.newBuilder(URI.create(base + "/watchdog")).GET()).statusCode());
        assertTrue(Files.notExists(dir.resolve("alerts.jsonl")));
        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("hookmeter_alert_sink_rejected_total{reason=\"not_json\"} 2.0"), metrics);
        assertTrue(metrics.contains("hookmeter_alert_sink_rejected_total{reason=\"too_large\"} 1.0"), metrics);
        assertEquals(200, get("/-/healthy").statusCode());
    }

    @Test
    void aLogItCannotWriteAnswers500SoAlertmanagerRetries() throws Exception {
        Files.createDirectories(dir.resolve("alerts.jsonl")); // a directory where the log file should be
        assertEquals(500, post("/alerts", resource("am-0.25-firing.json")).statusCode());
        assertTrue(get("/metrics").body().contains("hookmeter_alert_sink_write_failures_total 1.0"));
    }

    private String resource(String name) throws Exception {
        return FiringSetTest.fixture(name).toString();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
