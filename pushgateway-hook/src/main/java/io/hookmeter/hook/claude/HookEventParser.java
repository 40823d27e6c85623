package io.hookmeter.hook.claude;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hookmeter.hook.state.StateJson;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads one hook event from a stream with Jackson's streaming parser: only the fields Hookmeter uses are kept,
 * everything else (tool_response, prompt, unknown fields) is skipped without being built, so a 10 MB payload costs
 * a scan, not a tree.
 */
public final class HookEventParser {
    /** The tool_input.command kept for git detection is cut here: enough for any real command line's start. */
    static final int MAX_COMMAND = 8192;

    private HookEventParser() {
    }

    public static HookEvent parse(InputStream in) throws MalformedEventException {
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser p = StateJson.FACTORY.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new MalformedEventException("empty", "no input on stdin");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new MalformedEventException("malformed_json", "the input is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "duration_ms" -> fields.put(field, number(p, value, field));
                    case "is_interrupt" -> fields.put(field, bool(value, field));
                    case "tool_input" -> fields.put("command", command(p, value));
                    case "hook_event_name", "session_id", "transcript_path", "cwd", "agent_id", "agent_type",
                         "agent_transcript_path", "tool_name", "tool_use_id", "error", "source", "reason",
                         "trigger", "notification_type" -> fields.put(field, string(p, value, field));
                    default -> p.skipChildren();
                }
            }
            // Anything after the object (a second document, garbage) means the input is not one event.
            if (p.nextToken() != null) {
                throw new MalformedEventException("malformed_json", "content after the event object");
            }
        } catch (IOException e) {
            throw new MalformedEventException("malformed_json", "invalid JSON: " + firstLine(e.getMessage()));
        }
        return new HookEvent((String) fields.get("hook_event_name"), (String) fields.get("session_id"),
                (String) fields.get("transcript_path"), (String) fields.get("cwd"), (String) fields.get("agent_id"),
                (String) fields.get("agent_type"), (String) fields.get("agent_transcript_path"),
                (String) fields.get("tool_name"), (String) fields.get("tool_use_id"),
                (Double) fields.get("duration_ms"), (String) fields.get("error"), (Boolean) fields.get("is_interrupt"),
                (String) fields.get("source"), (String) fields.get("reason"), (String) fields.get("trigger"),
                (String) fields.get("notification_type"), (String) fields.get("command"));
    }

    private static String string(JsonParser p, JsonToken value, String field)
            throws IOException, MalformedEventException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new MalformedEventException("invalid_field", field + " is not a string");
        }
        return p.getText();
    }

    private static Double number(JsonParser p, JsonToken value, String field)
            throws IOException, MalformedEventException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new MalformedEventException("invalid_field", field + " is not a number");
        }
        double number = p.getDoubleValue();
        if (!(number >= 0) || Double.isInfinite(number)) {
            throw new MalformedEventException("invalid_field", field + " is negative or not finite");
        }
        return number;
    }

    private static Boolean bool(JsonToken value, String field) throws MalformedEventException {
        return switch (value) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> throw new MalformedEventException("invalid_field", field + " is not a boolean");
        };
    }

    /** tool_input.command when tool_input is an object with a string command; other shapes are skipped. */
    private static String command(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String command = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken inner = p.nextToken();
            if (field.equals("command") && inner == JsonToken.VALUE_STRING) {
                String text = p.getText();
                command = text.length() > MAX_COMMAND ? text.substring(0, MAX_COMMAND) : text;
            } else {
                p.skipChildren();
            }
        }
        return command;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
