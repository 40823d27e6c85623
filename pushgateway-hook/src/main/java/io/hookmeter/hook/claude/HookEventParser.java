package io.hookmeter.hook.claude;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hookmeter.hook.json.StrictJson;
import io.hookmeter.hook.state.StateJson;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one hook event from a stream with Jackson's streaming parser: only the fields Hookmeter uses are kept,
 * everything else (tool_response, the prompt's text, unknown fields) is skipped without being built, so a 10 MB
 * payload costs a scan, not a tree.
 */
public final class HookEventParser {
    /** The tool_input.command kept for git detection is cut here: enough for any real command line's start. */
    static final int MAX_COMMAND = 8192;
    /** What is kept of a PostToolBatch call's tool_response text: enough to tell who refused it. */
    static final int MAX_RESPONSE = 200;
    /** A PostToolBatch lists at most this many calls; the rest are skipped (a batch is a handful in practice). */
    static final int MAX_BATCH = 256;
    /** How Claude Code opens the prompt it submits by itself when a background task finishes. */
    static final String TASK_NOTIFICATION = "<task-notification>";

    private HookEventParser() {
    }

    public static HookEvent parse(InputStream in) throws MalformedEventException {
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser p = StrictJson.FACTORY.createParser(in)) {
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
                    case "prompt" -> fields.put(field, origin(string(p, value, field)));
                    case "final" -> fields.put(field, bool(value, field));
                    case "tool_calls" -> fields.put(field, batch(p, value));
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
                (String) fields.get("notification_type"), (String) fields.get("command"),
                (String) fields.get("prompt"), (Boolean) fields.get("final"), batchCalls(fields.get("tool_calls")));
    }

    /** Who submitted a prompt: Claude Code itself for a task notification, else a person. */
    static String origin(String prompt) {
        if (prompt == null) {
            return null;
        }
        return prompt.stripLeading().startsWith(TASK_NOTIFICATION) ? HookEvent.ORIGIN_AGENT : HookEvent.ORIGIN_USER;
    }

    @SuppressWarnings("unchecked")
    private static List<HookEvent.BatchCall> batchCalls(Object calls) {
        return calls == null ? List.of() : (List<HookEvent.BatchCall>) calls;
    }

    /** PostToolBatch's tool_calls: each call's id, tool and the start of its response text; other shapes skipped. */
    private static List<HookEvent.BatchCall> batch(JsonParser p, JsonToken value) throws IOException {
        List<HookEvent.BatchCall> calls = new ArrayList<>();
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return calls;
        }
        JsonToken element;
        while ((element = p.nextToken()) != JsonToken.END_ARRAY && element != null) {
            if (element != JsonToken.START_OBJECT || calls.size() >= MAX_BATCH) {
                p.skipChildren();
                continue;
            }
            String id = null;
            String tool = null;
            String response = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken inner = p.nextToken();
                switch (field) {
                    case "tool_use_id" -> id = inner == JsonToken.VALUE_STRING ? p.getText() : skip(p);
                    case "tool_name" -> tool = inner == JsonToken.VALUE_STRING ? p.getText() : skip(p);
                    case "tool_response" -> response = responseText(p, inner);
                    default -> p.skipChildren();
                }
            }
            if (id != null) {
                calls.add(new HookEvent.BatchCall(id, tool, response));
            }
        }
        return calls;
    }

    private static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    /** The response when it is text, or the first text block of a content array; cut at {@link #MAX_RESPONSE}. */
    private static String responseText(JsonParser p, JsonToken value) throws IOException {
        String text = null;
        if (value == JsonToken.VALUE_STRING) {
            text = p.getText();
        } else if (value == JsonToken.START_ARRAY) {
            JsonToken element;
            while ((element = p.nextToken()) != JsonToken.END_ARRAY && element != null) {
                if (element == JsonToken.START_OBJECT && text == null) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        JsonToken inner = p.nextToken();
                        if (field.equals("text") && inner == JsonToken.VALUE_STRING && text == null) {
                            text = p.getText();
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } else {
            p.skipChildren();
        }
        return text == null || text.length() <= MAX_RESPONSE ? text : text.substring(0, MAX_RESPONSE);
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
