package io.hookmeter.hook.claude;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hookmeter.hook.state.MetricsState;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * SubagentStart times by {@code agent_id}, kept in the state section {@value #SECTION}, so that SubagentStop gives the
 * subagent's whole running time (the Agent tool's own duration is only its launch for a background subagent). At most
 * {@value #MAX} are kept, none older than {@link #EXPIRY_MS}, and a session's are dropped at its end; the caller counts
 * what is dropped.
 */
final class SubagentStarts {
    static final String SECTION = "pending_subagent_starts";
    static final long EXPIRY_MS = 86_400_000;
    static final int MAX = 500;

    /** One running subagent: when it started and in which session. */
    record Start(long millis, String session) {
    }

    private final Map<String, Start> starts;

    private SubagentStarts(Map<String, Start> starts) {
        this.starts = starts;
    }

    static SubagentStarts load(MetricsState state) {
        return new SubagentStarts(IdSections.read(state, SECTION, SubagentStarts::readStart));
    }

    private static Start readStart(JsonParser p, JsonToken first) throws IOException {
        if (first != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        long millis = 0;
        String session = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("t") && value == JsonToken.VALUE_NUMBER_INT) {
                millis = p.getLongValue();
            } else if (field.equals("s")) {
                session = IdSections.text(p, value);
            } else {
                p.skipChildren();
            }
        }
        return new Start(millis, session);
    }

    void add(String agentId, Start start) {
        starts.remove(agentId);
        starts.put(agentId, start);
    }

    /** Removes and returns the start of this subagent, or null. */
    Start take(String agentId) {
        return starts.remove(agentId);
    }

    /** Drops the starts of an ended session; returns how many. */
    int endSession(String session) {
        int before = starts.size();
        starts.values().removeIf(start -> session != null && session.equals(start.session()));
        return before - starts.size();
    }

    /** Saves the section; returns how many starts were dropped for age or for the bound. */
    int save(MetricsState state, long nowMillis) {
        int dropped = 0;
        int excess = starts.size() - MAX;
        for (Iterator<Start> it = starts.values().iterator(); it.hasNext(); ) {
            Start start = it.next();
            if (excess-- > 0 || nowMillis - start.millis() > EXPIRY_MS) {
                it.remove();
                dropped++;
            }
        }
        IdSections.write(state, SECTION, starts, (gen, start) -> {
            gen.writeNumberField("t", start.millis());
            if (start.session() != null) {
                gen.writeStringField("s", start.session());
            }
        });
        return dropped;
    }
}
