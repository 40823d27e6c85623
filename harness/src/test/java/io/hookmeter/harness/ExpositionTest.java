package io.hookmeter.harness;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExpositionTest {
    private static final String TEXT = """
            # HELP hookmeter_tool_calls_total Calls.
            # TYPE hookmeter_tool_calls_total counter
            hookmeter_tool_calls_total{tool="Bash",outcome="success"} 3
            hookmeter_tool_calls_total{tool="Read",outcome="error"} 1.5e+00
            # TYPE hookmeter_tool_duration_seconds histogram
            hookmeter_tool_duration_seconds_bucket{le="+Inf",tool="Bash"} 2 1700000000000
            node_filesystem_info{mountpoint="/a \\"b\\"\\\\c",note="one\\ntwo"} 1
            up +Inf
            down -Inf # {trace_id="x"} 1
            nan NaN
            """;

    @Test
    void samplesWithUnescapedLabelsValuesAndTypes() {
        Exposition exposition = Exposition.parse(TEXT);
        assertEquals("counter", exposition.typeOf("hookmeter_tool_calls_total"));
        assertEquals(3, exposition.value("hookmeter_tool_calls_total", "tool", "Bash"));
        assertEquals(4.5, exposition.sum("hookmeter_tool_calls_total", Map.of()));
        assertEquals(2, exposition.value("hookmeter_tool_duration_seconds_bucket", "le", "+Inf"), "a timestamp");
        assertEquals(Map.of("mountpoint", "/a \"b\"\\c", "note", "one\ntwo"),
                exposition.get("node_filesystem_info").get(0).labels());
        assertEquals(Double.POSITIVE_INFINITY, exposition.value("up"));
        assertEquals(Double.NEGATIVE_INFINITY, exposition.value("down"), "an exemplar is not the value");
        assertEquals(Double.NaN, exposition.value("nan"));
        assertEquals(List.of("down", "hookmeter_tool_calls_total", "hookmeter_tool_duration_seconds_bucket", "nan",
                "node_filesystem_info", "up"), exposition.names());
        assertEquals(1, exposition.find("hookmeter_tool_calls_total", Map.of("outcome", "error")).size());
    }

    @Test
    void aLineThatIsNoSampleFails() {
        assertThrows(AssertionError.class, () -> Exposition.parse("metric{a=\"1\" 2\n"));
        assertThrows(AssertionError.class, () -> Exposition.parse("metric one\n"));
        assertThrows(AssertionError.class, () -> Exposition.parse("metric{tool=\"Bash\"} 1\n").value("metric",
                "tool", "Read"), "no such sample");
    }
}
