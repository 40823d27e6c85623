package io.hookmeter.hook.spool;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.StateJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The spool files the last committed batch consumed, kept in the state section {@value #SECTION} by the same commit
 * as the totals they changed. This is what makes applying exactly once: a process killed after the commit but
 * before it removed those files leaves them in new/, and the next batch removes them instead of applying them
 * again; a process killed before the commit changed neither the totals nor this list.
 *
 * @param applied events applied (removed after the commit)
 * @param bad     files that could not be parsed (moved to bad/ after the commit)
 * @param drops   drop markers counted (removed after the commit)
 */
record AppliedNames(List<String> applied, List<String> bad, List<String> drops) {
    static final String SECTION = "spool_applied";

    static AppliedNames none() {
        return new AppliedNames(List.of(), List.of(), List.of());
    }

    static AppliedNames read(MetricsState state) throws IOException {
        String json = state.section(SECTION);
        if (json == null) {
            return none();
        }
        List<String> applied = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        List<String> drops = new ArrayList<>();
        try (JsonParser p = StateJson.parser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("section " + SECTION + " is not an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                List<String> target = switch (field) {
                    case "applied" -> applied;
                    case "bad" -> bad;
                    case "drops" -> drops;
                    default -> null;
                };
                if (p.nextToken() != JsonToken.START_ARRAY || target == null) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.VALUE_STRING) {
                    target.add(p.getText());
                }
            }
        }
        return new AppliedNames(applied, bad, drops);
    }

    void write(MetricsState state) {
        state.putSection(SECTION, StateJson.write(gen -> {
            gen.writeStartObject();
            for (String field : List.of("applied", "bad", "drops")) {
                gen.writeArrayFieldStart(field);
                for (String name : field.equals("applied") ? applied : field.equals("bad") ? bad : drops) {
                    gen.writeString(name);
                }
                gen.writeEndArray();
            }
            gen.writeEndObject();
        }));
    }
}
