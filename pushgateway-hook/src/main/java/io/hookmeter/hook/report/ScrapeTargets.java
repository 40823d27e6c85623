package io.hookmeter.hook.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hookmeter.hook.json.StrictJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The active targets of a Prometheus-compatible {@code /api/v1/targets} answer (vmagent's, for doctor). */
final class ScrapeTargets {
    record Target(String job, String scrapeUrl, String health, String lastError) {
    }

    private ScrapeTargets() {
    }

    /** {@code data.activeTargets}; IOException when the body is not such an answer. */
    static List<Target> parse(String json) throws IOException {
        try (JsonParser parser = StrictJson.FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("data".equals(field) && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String inner = parser.currentName();
                        if (parser.nextToken() == JsonToken.START_ARRAY && "activeTargets".equals(inner)) {
                            return targets(parser);
                        }
                        parser.skipChildren();
                    }
                } else {
                    parser.skipChildren();
                }
            }
            throw new IOException("no data.activeTargets");
        }
    }

    private static List<Target> targets(JsonParser parser) throws IOException {
        List<Target> targets = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String job = "";
            String scrapeUrl = "";
            String health = "";
            String lastError = "";
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("labels".equals(field) && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String label = parser.currentName();
                        parser.nextToken();
                        if ("job".equals(label)) {
                            job = parser.getValueAsString("");
                        }
                        parser.skipChildren();
                    }
                } else if (value.isScalarValue()) {
                    String text = parser.getValueAsString("");
                    switch (field) {
                        case "scrapeUrl" -> scrapeUrl = text;
                        case "health" -> health = text;
                        case "lastError" -> lastError = text;
                        default -> { }
                    }
                } else {
                    parser.skipChildren();
                }
            }
            targets.add(new Target(job, scrapeUrl, health, lastError));
        }
        return targets;
    }
}
