package io.hookmeter.hook.claude;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.StateStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The sections of entries by id, and the copy of the last written entries the agent reads back instead of JSON. */
class IdSectionsTest {
    private static final String SECTION = "id_sections_test";

    private static Long readEntry(JsonParser p, JsonToken first) throws IOException {
        Long value = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("t")) {
                value = p.getLongValue();
            } else {
                p.skipChildren();
            }
        }
        return value;
    }

    private static Map<String, Long> read(MetricsState state) {
        return IdSections.read(state, SECTION, IdSectionsTest::readEntry);
    }

    private static void write(MetricsState state, Map<String, Long> entries) {
        IdSections.write(state, SECTION, entries, (gen, value) -> gen.writeNumberField("t", value));
    }

    @Test
    void whatWasWrittenIsReadBackAsACopy() {
        MetricsState state = StateStore.fresh();
        Map<String, Long> entries = new LinkedHashMap<>();
        entries.put("toolu_b", 2L);
        entries.put("toolu_a", 1L);
        write(state, entries);
        assertEquals("{\"toolu_b\":{\"t\":2},\"toolu_a\":{\"t\":1}}", state.section(SECTION));

        Map<String, Long> first = read(state);
        assertEquals(entries, first);
        assertEquals(java.util.List.of("toolu_b", "toolu_a"), java.util.List.copyOf(first.keySet()), "order kept");
        first.put("toolu_c", 3L); // a reader changes its map before writing it back ...
        entries.clear();
        assertEquals(Map.of("toolu_b", 2L, "toolu_a", 1L), read(state), "... which changes nothing until written");
    }

    @Test
    void textNotWrittenByThisProcessIsParsed() {
        MetricsState written = StateStore.fresh();
        write(written, Map.of("toolu_a", 1L));
        // The same text as another instance (the state file read back from disk), and another text altogether.
        MetricsState fromDisk = StateStore.fresh();
        fromDisk.putSection(SECTION, new String(written.section(SECTION).toCharArray()));
        assertEquals(Map.of("toolu_a", 1L), read(fromDisk));
        MetricsState other = StateStore.fresh();
        other.putSection(SECTION, "{\"toolu_z\":{\"t\":9}}");
        assertEquals(Map.of("toolu_z", 9L), read(other));
        assertEquals(Map.of("toolu_a", 1L), read(written));
    }

    @Test
    void noEntriesRemoveTheSection() {
        MetricsState state = StateStore.fresh();
        write(state, Map.of("toolu_a", 1L));
        write(state, Map.of());
        assertNull(state.section(SECTION));
        assertEquals(Map.of(), read(state));
    }
}
