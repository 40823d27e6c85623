package io.hookmeter.hook.statusline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * The parts of Claude Code's status-line JSON the line shows; each may be null (absent, null, or not the expected
 * type). Garbage gives an input with every part null, never an exception.
 */
public record StatusInput(String model, Double sessionCostUsd, Double contextUsedPercent) {
    public static final StatusInput EMPTY = new StatusInput(null, null, null);
    private static final JsonFactory JSON = new JsonFactory();

    public static StatusInput parse(byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return EMPTY;
            }
            String displayName = null;
            String id = null;
            Double cost = null;
            Double context = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String inner = field + '.' + parser.currentName();
                    JsonToken innerValue = parser.nextToken();
                    switch (inner) {
                        case "model.display_name" -> displayName = text(parser, innerValue);
                        case "model.id" -> id = text(parser, innerValue);
                        case "cost.total_cost_usd" -> cost = number(parser, innerValue);
                        case "context_window.used_percentage" -> context = number(parser, innerValue);
                        default -> parser.skipChildren();
                    }
                }
            }
            return new StatusInput(displayName != null ? displayName : id, cost, context);
        } catch (IOException | RuntimeException e) {
            return EMPTY; // garbage in: the line still shows what does not come from stdin
        }
    }

    private static String text(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            parser.skipChildren();
            return null;
        }
        String text = parser.getText().strip();
        return text.isEmpty() ? null : text;
    }

    private static Double number(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
            parser.skipChildren();
            return null;
        }
        // Parsed from the text: Jackson's own number parsing compiles regexes on first use (start-up time).
        double number = Double.parseDouble(parser.getText());
        return Double.isFinite(number) && number >= 0 ? number : null;
    }
}
