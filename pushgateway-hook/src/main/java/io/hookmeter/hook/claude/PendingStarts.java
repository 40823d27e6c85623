package io.hookmeter.hook.claude;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.StateJson;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PreToolUse start times by {@code tool_use_id}, kept in the state section {@value #SECTION}, so that a
 * PostToolUse without {@code duration_ms} gets the time between the two hook processes' starts. Starts older than an
 * hour are dropped (a PreToolUse may never get its Post: denied, cancelled), and at most {@value #MAX} are kept.
 */
final class PendingStarts {
    static final String SECTION = "pending_tool_starts";
    static final long EXPIRY_MS = 3_600_000;
    static final int MAX = 2000;

    private final Map<String, Long> starts;

    private PendingStarts(Map<String, Long> starts) {
        this.starts = starts;
    }

    /** The pending starts, or an empty set when the section is missing or unreadable. */
    static PendingStarts load(MetricsState state) {
        Map<String, Long> starts = new LinkedHashMap<>();
        String json = state.section(SECTION);
        if (json != null) {
            try (JsonParser p = StateJson.parser(json)) {
                if (p.nextToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String id = p.currentName();
                        if (p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
                            starts.put(id, p.getLongValue());
                        } else {
                            p.skipChildren();
                        }
                    }
                }
            } catch (IOException e) {
                starts.clear();
            }
        }
        return new PendingStarts(starts);
    }

    /** Cheap check before parsing: is this id mentioned in the section at all? */
    static boolean mayContain(MetricsState state, String toolUseId) {
        String json = state.section(SECTION);
        return json != null && toolUseId != null && json.contains(toolUseId);
    }

    void add(String toolUseId, long startMillis) {
        starts.remove(toolUseId);
        starts.put(toolUseId, startMillis);
    }

    /** Removes and returns the start of this call, or null. */
    Long take(String toolUseId) {
        return starts.remove(toolUseId);
    }

    void save(MetricsState state, long nowMillis) {
        Iterator<Map.Entry<String, Long>> it = starts.entrySet().iterator();
        int excess = starts.size() - MAX;
        while (it.hasNext()) {
            Map.Entry<String, Long> entry = it.next();
            if (excess-- > 0 || nowMillis - entry.getValue() > EXPIRY_MS) {
                it.remove();
            }
        }
        if (starts.isEmpty()) {
            state.putSection(SECTION, null);
            return;
        }
        state.putSection(SECTION, StateJson.write(gen -> {
            gen.writeStartObject();
            for (Map.Entry<String, Long> entry : starts.entrySet()) {
                gen.writeNumberField(entry.getKey(), entry.getValue());
            }
            gen.writeEndObject();
        }));
    }
}
