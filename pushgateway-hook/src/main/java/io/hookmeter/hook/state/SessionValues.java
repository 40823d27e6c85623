package io.hookmeter.hook.state;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A component's per-session numbers (start times, last seen totals) kept in a state section as
 * {@code {"<session id>": [n, ...], ...}}, least recently touched first. Bounded: {@link #save} keeps the
 * {@code max} most recently touched and returns how many it dropped, so that the caller counts them in a metric.
 * Session ids are bookkeeping keys only, never label values.
 */
public final class SessionValues {
    private final String section;
    private final Map<String, long[]> values;

    private SessionValues(String section, Map<String, long[]> values) {
        this.section = section;
        this.values = values;
    }

    /** The section's entries; empty when missing, and empty (never an exception) when unreadable. */
    public static SessionValues load(MetricsState state, String section) {
        Map<String, long[]> values = new LinkedHashMap<>();
        String json = state.section(section);
        if (json != null) {
            try (JsonParser p = StateJson.parser(json)) {
                if (p.nextToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String id = p.currentName();
                        long[] entry = numbers(p);
                        if (entry != null) {
                            values.put(id, entry);
                        }
                    }
                }
            } catch (IOException e) {
                values.clear();
            }
        }
        return new SessionValues(section, values);
    }

    private static long[] numbers(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        List<Long> numbers = new ArrayList<>();
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.VALUE_NUMBER_INT) {
                p.skipChildren();
                return null;
            }
            numbers.add(p.getLongValue());
        }
        return numbers.stream().mapToLong(Long::longValue).toArray();
    }

    /** The numbers kept for this session, or null. */
    public long[] get(String sessionId) {
        return values.get(sessionId);
    }

    /** Sets this session's numbers and marks it the most recently touched. */
    public void put(String sessionId, long... numbers) {
        values.remove(sessionId);
        values.put(sessionId, numbers.clone());
    }

    /** Removes and returns this session's numbers, or null. */
    public long[] remove(String sessionId) {
        return values.remove(sessionId);
    }

    public int size() {
        return values.size();
    }

    /** Writes the section, keeping the {@code max} most recently touched; returns how many were dropped. */
    public int save(MetricsState state, int max) {
        int dropped = Math.max(0, values.size() - max);
        Iterator<Map.Entry<String, long[]>> it = values.entrySet().iterator();
        for (int i = 0; i < dropped; i++) {
            it.next();
            it.remove();
        }
        if (values.isEmpty()) {
            state.putSection(section, null);
            return dropped;
        }
        state.putSection(section, StateJson.write(gen -> {
            gen.writeStartObject();
            for (Map.Entry<String, long[]> entry : values.entrySet()) {
                gen.writeArrayFieldStart(entry.getKey());
                for (long n : entry.getValue()) {
                    gen.writeNumber(n);
                }
                gen.writeEndArray();
            }
            gen.writeEndObject();
        }));
        return dropped;
    }
}
