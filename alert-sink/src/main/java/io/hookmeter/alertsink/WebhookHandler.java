package io.hookmeter.alertsink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /alerts} and {@code POST /watchdog}: Alertmanager webhooks (2xx only once written, so that Alertmanager
 * retries a notification we could not record). {@code GET /alerts}: the firing set as JSON.
 */
final class WebhookHandler implements HttpHandler {
    /** Alertmanager sends one group per request; even a large group is far below this. */
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NotificationSink sink;
    private final SinkMetrics metrics;
    private final String path;

    WebhookHandler(NotificationSink sink, SinkMetrics metrics, String path) {
        this.sink = sink;
        this.metrics = metrics;
        this.path = path;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if ("GET".equals(method) && NotificationSink.ALERTS_PATH.equals(path)) {
                respond(exchange, 200, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sink.status()));
            } else if ("POST".equals(method)) {
                receive(exchange);
            } else {
                metrics.rejected("method");
                exchange.getResponseHeaders().add("Allow", NotificationSink.ALERTS_PATH.equals(path) ? "GET, POST" : "POST");
                respond(exchange, 405, error(method + " is not allowed on " + path));
            }
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body = readLimited(exchange.getRequestBody());
        if (body == null) {
            metrics.rejected("too_large");
            respond(exchange, 413, error("body larger than " + MAX_BODY_BYTES + " bytes"));
            return;
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            payload = null;
        }
        if (!(payload instanceof ObjectNode object)) {
            metrics.rejected("not_json");
            respond(exchange, 400, error("expected an Alertmanager webhook JSON object"));
            return;
        }
        if (!NotificationSink.hasAlerts(object)) {
            metrics.rejected("no_alerts");
            respond(exchange, 400, error("the JSON object has no \"alerts\" array"));
            return;
        }
        try {
            sink.receive(object, path);
        } catch (IOException e) {
            System.err.println("hookmeter-alert-sink: cannot record a notification: " + e);
            respond(exchange, 500, error("cannot record the notification: " + e.getMessage()));
            return;
        }
        respond(exchange, 200, "{\"status\":\"ok\"}");
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static String error(String message) throws JsonProcessingException {
        return JSON.writeValueAsString(JSON.createObjectNode().put("status", "error").put("error", message));
    }

    static void respond(HttpExchange exchange, int code, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
