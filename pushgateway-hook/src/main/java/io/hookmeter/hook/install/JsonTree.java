package io.hookmeter.hook.install;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.hookmeter.hook.json.StrictJson;
import io.hookmeter.hook.state.StateJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON tree for settings files, read and written with jackson-core: objects keep their key order, numbers
 * keep their exact text, so a merge changes nothing but what it means to change. Values are {@code Map} (object),
 * {@code List} (array), {@code String}, {@code Boolean}, {@link Num} and {@link #NULL}.
 */
final class JsonTree {
    /** JSON null (a Java null would be ambiguous with "absent"). */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A number, kept as written. */
    record Num(String text) {
    }

    private JsonTree() {
    }

    /** Parses one JSON value; duplicate keys and trailing content are errors. */
    static Object parse(String text) throws IOException {
        try (JsonParser p = StrictJson.FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new IOException("no JSON value");
            }
            Object value = read(p, first);
            if (p.nextToken() != null) {
                throw new IOException("content after the JSON value at line " + p.currentLocation().getLineNr());
            }
            return value;
        }
    }

    private static Object read(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    object.put(key, read(p, p.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(read(p, next));
                }
                return array;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new Num(p.getText());
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return NULL;
            }
            default -> throw new IOException("unexpected " + token);
        }
    }

    /** Pretty-printed with two-space indentation, as Claude Code writes its settings, plus a final newline. */
    static String print(Object value) {
        StringBuilder out = new StringBuilder();
        print(out, value, "");
        return out.append('\n').toString();
    }

    @SuppressWarnings("unchecked")
    private static void print(StringBuilder out, Object value, String indent) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            String inner = indent + "  ";
            int i = 0;
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
                out.append(inner);
                string(out, entry.getKey());
                out.append(": ");
                print(out, entry.getValue(), inner);
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            String inner = indent + "  ";
            for (int i = 0; i < list.size(); i++) {
                out.append(inner);
                print(out, list.get(i), inner);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (value instanceof String text) {
            string(out, text);
        } else if (value instanceof Num number) {
            out.append(number.text());
        } else {
            out.append(value);
        }
    }

    private static void string(StringBuilder out, String text) {
        out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
    }
}
