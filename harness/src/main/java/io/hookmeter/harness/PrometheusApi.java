package io.hookmeter.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/** The Prometheus HTTP API, as tests use it: instant queries and waiting for a condition. */
public final class PrometheusApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String baseUrl;

    public PrometheusApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public PrometheusApi(ManagedProcess prometheus) {
        this(prometheus.url());
    }

    /** {@code /api/v1/query}; fails unless the status is success. Returns {@code data}. */
    public JsonNode query(String expr) {
        return data(get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)));
    }

    /** {@code data.result} of an instant query. */
    public JsonNode result(String expr) {
        return query(expr).get("result");
    }

    /** Any API path below {@code /api/v1}, returning {@code data}. */
    public JsonNode api(String pathAndQuery) {
        return data(get("/api/v1/" + pathAndQuery));
    }

    /** Polls the query until {@code condition} holds on its result, or fails after {@code timeout}. */
    public JsonNode awaitResult(String expr, Duration timeout, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = result(expr);
            if (condition.test(last)) {
                return last;
            }
            ManagedProcess.sleep(250);
        }
        throw new AssertionError("query " + expr + " did not reach the expected result within " + timeout
                + "; last result: " + last);
    }

    /** Waits until the query returns at least one series. */
    public JsonNode awaitNonEmpty(String expr, Duration timeout) {
        return awaitResult(expr, timeout, r -> r.isArray() && r.size() > 0);
    }

    private JsonNode get(String path) {
        String body = Http.getOk(baseUrl + path);
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON from " + path + ": " + body, e);
        }
    }

    private static JsonNode data(JsonNode response) {
        if (!"success".equals(response.path("status").asText())) {
            throw new AssertionError("Prometheus API error: " + response);
        }
        return response.get("data");
    }
}
