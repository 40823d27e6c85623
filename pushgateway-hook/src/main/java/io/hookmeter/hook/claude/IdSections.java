package io.hookmeter.hook.claude;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.StateJson;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A state section that maps ids to small records ({@code {"id": {...}, ...}}), in insertion order. */
final class IdSections {
    /** Reads one entry's value; the parser is on the value's first token. Null skips the entry. */
    @FunctionalInterface
    interface EntryReader<T> {
        T read(JsonParser parser, JsonToken first) throws IOException;
    }

    /** Writes one entry's fields inside its object. */
    @FunctionalInterface
    interface EntryWriter<T> {
        void write(JsonGenerator generator, T value) throws IOException;
    }

    private IdSections() {
    }

    /**
     * The entries last written to each section, beside the very text written: the agent applies thousands of
     * events in one transaction, and reading back the JSON it wrote one event earlier was a fifth of its CPU. The
     * entries are immutable records, so a copy of the map is as good as a fresh read of that same text.
     */
    private static final Map<String, Written> LAST = new ConcurrentHashMap<>();

    private record Written(String json, Map<String, ?> entries) {
    }

    /** The section's entries; empty when it is missing or unreadable (it is bookkeeping, not counts). */
    @SuppressWarnings("unchecked")
    static <T> Map<String, T> read(MetricsState state, String section, EntryReader<T> reader) {
        Map<String, T> entries = new LinkedHashMap<>();
        String json = state.section(section);
        if (json == null) {
            return entries;
        }
        Written last = LAST.get(section);
        if (last != null && last.json() == json) { // the same instance: the text this process wrote from them
            entries.putAll((Map<String, T>) last.entries());
            return entries;
        }
        try (JsonParser p = StateJson.parser(json)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String id = p.currentName();
                    T value = reader.read(p, p.nextToken());
                    if (value != null) {
                        entries.put(id, value);
                    }
                }
            }
        } catch (IOException e) {
            entries.clear();
        }
        return entries;
    }

    /** Saves the entries, or removes the section when there are none. */
    static <T> void write(MetricsState state, String section, Map<String, T> entries, EntryWriter<T> writer) {
        if (entries.isEmpty()) {
            state.putSection(section, null);
            return;
        }
        String json = StateJson.write(gen -> {
            gen.writeStartObject();
            for (Map.Entry<String, T> entry : entries.entrySet()) {
                gen.writeObjectFieldStart(entry.getKey());
                writer.write(gen, entry.getValue());
                gen.writeEndObject();
            }
            gen.writeEndObject();
        });
        state.putSection(section, json);
        LAST.put(section, new Written(json, new LinkedHashMap<>(entries)));
    }

    /** A string field's value, or null (and the value skipped) when it is not a string. */
    static String text(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }
}
