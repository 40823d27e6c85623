package io.hookmeter.hook.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hookmeter.hook.state.StateJson;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** The flat fields of the agent's {@code /-/status} JSON, as text. */
final class AgentStatusFields {
    private AgentStatusFields() {
    }

    static Map<String, String> parse(String json) {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser p = StateJson.parser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return fields;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                fields.put(name, p.getValueAsString(""));
                p.skipChildren();
            }
        } catch (IOException e) {
            // What was read so far is what doctor shows.
        }
        return fields;
    }
}
