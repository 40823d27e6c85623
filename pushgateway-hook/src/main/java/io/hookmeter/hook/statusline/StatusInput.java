package io.hookmeter.hook.statusline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hookmeter.hook.json.StrictJson;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;

/**
 * The parts of Claude Code's status-line JSON that Hookmeter uses; each may be null (absent, null, or not the
 * expected type). Garbage gives an input with every part null, never an exception.
 *
 * @param model              {@code model.display_name}, else {@code model.id}
 * @param sessionCostUsd     {@code cost.total_cost_usd}
 * @param contextUsedPercent {@code context_window.used_percentage}
 * @param sessionId          {@code session_id}: for pairing only, never a label value
 * @param linesAdded         {@code cost.total_lines_added}, the session's running total
 * @param linesRemoved       {@code cost.total_lines_removed}, the session's running total
 * @param fiveHour           {@code rate_limits.five_hour} (subscriptions only)
 * @param sevenDay           {@code rate_limits.seven_day} (subscriptions only)
 */
public record StatusInput(String model, Double sessionCostUsd, Double contextUsedPercent, String sessionId,
                          Long linesAdded, Long linesRemoved, RateLimit fiveHour, RateLimit sevenDay) {
    public static final StatusInput EMPTY = new StatusInput(null, null, null);

    /**
     * One rate-limit window: {@code used_percentage} (0 to 100) and {@code resets_at} as Unix seconds (Claude Code
     * sends a number of seconds or an ISO-8601 time; both are read). Either may be null.
     */
    public record RateLimit(Double usedPercent, Long resetsAtSeconds) {
    }

    /** Only what the line itself shows. */
    public StatusInput(String model, Double sessionCostUsd, Double contextUsedPercent) {
        this(model, sessionCostUsd, contextUsedPercent, null, null, null, null, null);
    }

    public static StatusInput parse(byte[] json) {
        try (JsonParser parser = StrictJson.FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return EMPTY;
            }
            Fields fields = new Fields();
            fields.object(parser, "");
            return fields.input();
        } catch (IOException | RuntimeException e) {
            return EMPTY; // garbage in: the line still shows what does not come from stdin
        }
    }

    /** The fields read so far, by their dotted path; objects on the way to one are entered, the rest skipped. */
    private static final class Fields {
        String displayName;
        String id;
        Double cost;
        Double context;
        String session;
        Long added;
        Long removed;
        Double fiveUsed;
        Long fiveResets;
        Double sevenUsed;
        Long sevenResets;

        void object(JsonParser parser, String prefix) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String path = prefix + parser.currentName();
                JsonToken value = parser.nextToken();
                switch (path) {
                    case "model", "cost", "context_window", "rate_limits", "rate_limits.five_hour",
                         "rate_limits.seven_day" -> {
                        if (value == JsonToken.START_OBJECT) {
                            object(parser, path + '.');
                        } else {
                            parser.skipChildren();
                        }
                    }
                    case "model.display_name" -> displayName = text(parser, value);
                    case "model.id" -> id = text(parser, value);
                    case "session_id" -> session = text(parser, value);
                    case "cost.total_cost_usd" -> cost = number(parser, value);
                    case "cost.total_lines_added" -> added = count(parser, value);
                    case "cost.total_lines_removed" -> removed = count(parser, value);
                    case "context_window.used_percentage" -> context = number(parser, value);
                    case "rate_limits.five_hour.used_percentage" -> fiveUsed = number(parser, value);
                    case "rate_limits.five_hour.resets_at" -> fiveResets = epochSeconds(parser, value);
                    case "rate_limits.seven_day.used_percentage" -> sevenUsed = number(parser, value);
                    case "rate_limits.seven_day.resets_at" -> sevenResets = epochSeconds(parser, value);
                    default -> parser.skipChildren();
                }
            }
        }

        StatusInput input() {
            return new StatusInput(displayName != null ? displayName : id, cost, context, session, added, removed,
                    window(fiveUsed, fiveResets), window(sevenUsed, sevenResets));
        }

        private static RateLimit window(Double used, Long resets) {
            return used == null && resets == null ? null : new RateLimit(used, resets);
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

    /** A whole, non-negative count (a float with no fraction is accepted). */
    private static Long count(JsonParser parser, JsonToken value) throws IOException {
        Double number = number(parser, value);
        return number == null || number != Math.rint(number) || number > Long.MAX_VALUE ? null : number.longValue();
    }

    private static Long epochSeconds(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            try {
                return OffsetDateTime.parse(parser.getText().strip()).toEpochSecond();
            } catch (DateTimeException e) {
                return null;
            }
        }
        Double number = number(parser, value);
        return number == null ? null : (long) Math.floor(number);
    }
}
