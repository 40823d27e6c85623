package io.hookmeter.hook.alerts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hookmeter.hook.json.StrictJson;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the body of Alertmanager's {@code GET /api/v2/alerts}: a JSON array of alerts with {@code labels},
 * {@code annotations}, {@code startsAt} and {@code status.state}. Only alerts in state {@code active} are firing
 * (suppressed and unprocessed ones are not). Every other field is skipped, so versions that add fields (such as
 * {@code notification_reason}) or lack them read the same.
 */
public final class AlertsJson {

    private AlertsJson() {
    }

    public static List<FiringAlert> firing(InputStream body) throws IOException {
        try (JsonParser parser = StrictJson.FACTORY.createParser(body)) {
            return firing(parser);
        }
    }

    public static List<FiringAlert> firing(String body) throws IOException {
        try (JsonParser parser = StrictJson.FACTORY.createParser(body)) {
            return firing(parser);
        }
    }

    private static List<FiringAlert> firing(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw new IOException("Alertmanager answered something other than a JSON array of alerts");
        }
        List<FiringAlert> alerts = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            FiringAlert alert = alert(parser);
            if (alert != null) {
                alerts.add(alert);
            }
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
            throw new IOException("unexpected " + parser.currentToken() + " in Alertmanager's alert list");
        }
        return alerts;
    }

    private static FiringAlert alert(JsonParser parser) throws IOException {
        Map<String, String> labels = Map.of();
        Map<String, String> annotations = Map.of();
        String startsAt = null;
        String state = "active"; // an answer without status came from the active=true query
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "labels" -> labels = strings(parser, value);
                case "annotations" -> annotations = strings(parser, value);
                case "startsAt" -> startsAt = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "status" -> state = state(parser, value);
                default -> parser.skipChildren();
            }
        }
        if (!"active".equals(state)) {
            return null;
        }
        String severity = labels.getOrDefault("severity", Severity.NONE);
        return new FiringAlert(labels.getOrDefault("alertname", "(unnamed)"), severity, startsAt,
                annotations.get("summary"), labels);
    }

    private static String state(JsonParser parser, JsonToken value) throws IOException {
        String state = "active";
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return state;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            JsonToken inner = parser.nextToken();
            if ("state".equals(parser.currentName()) && inner == JsonToken.VALUE_STRING) {
                state = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return state;
    }

    private static Map<String, String> strings(JsonParser parser, JsonToken value) throws IOException {
        Map<String, String> map = new TreeMap<>();
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return map;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            if (parser.nextToken() == JsonToken.VALUE_STRING) {
                map.put(key, parser.getText());
            } else {
                parser.skipChildren();
            }
        }
        return map;
    }
}
