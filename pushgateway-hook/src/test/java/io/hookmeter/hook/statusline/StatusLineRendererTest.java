package io.hookmeter.hook.statusline;

import io.hookmeter.hook.alerts.AlertSummary;
import io.hookmeter.hook.alerts.FiringAlert;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusLineRendererTest {
    private static final String FULL = """
            {"hook_event_name":"Status","session_id":"abc","model":{"id":"claude-opus-4-5","display_name":"Opus 4.5"},
             "workspace":{"current_dir":"/w"},"cost":{"total_cost_usd":0.4213,"total_duration_ms":45000,
             "total_lines_added":156},"context_window":{"used_percentage":42.4,"context_window_size":200000},
             "future":{"nested":[1,2,{"x":null}]}}""";
    private static final AlertSummary TWO_ALERTS = AlertSummary.of(List.of(
            new FiringAlert("HostCpuHigh", "warning", null, null, Map.of()),
            new FiringAlert("HostDiskCritical", "critical", null, null, Map.of())), 0);
    private final StatusLineRenderer plain = new StatusLineRenderer(false, 0);

    @Test
    void fullInputShowsEveryPart() {
        assertEquals("Opus 4.5 | $0.42 session | $3.10 today | ctx 42% | 2 alerts: 1 critical, 1 warning",
                plain.render(parse(FULL), new BigDecimal("3.1"), TWO_ALERTS));
    }

    @Test
    void minimalInputShowsWhatThereIs() {
        assertEquals("claude-sonnet-4-5", plain.render(parse("{\"model\":{\"id\":\"claude-sonnet-4-5\"}}"), null, null));
        assertEquals("no alerts", plain.render(parse("{}"), null, AlertSummary.of(List.of(), 0)));
    }

    @Test
    void nullFieldsAreLeftOut() {
        String nulls = "{\"model\":{\"id\":null,\"display_name\":null},\"cost\":{\"total_cost_usd\":null},"
                + "\"context_window\":{\"used_percentage\":null},\"session_id\":null}";
        assertEquals("$0.00 today | alerts ?",
                plain.render(parse(nulls), BigDecimal.ZERO, AlertSummary.unreachable("down", 0)));
        assertEquals("hookmeter", plain.render(parse("{\"model\":null,\"cost\":null,\"context_window\":null}"),
                null, null));
    }

    @Test
    void garbageInputStillGivesALine() {
        for (String garbage : new String[] {"", "not json", "[1,2]", "{\"model\":", "\u0000\u0001", "null",
                "{\"model\":{\"display_name\":42},\"cost\":{\"total_cost_usd\":\"free\"},\"context_window\":7}"}) {
            String line = plain.render(parse(garbage), null, null);
            assertEquals("hookmeter", line, garbage);
        }
    }

    @Test
    void colourUnlessNoColorAndNeverInTheWidth() {
        String coloured = new StatusLineRenderer(true, 0).render(parse(FULL), null, TWO_ALERTS);
        assertTrue(coloured.contains("\u001b[31m2 alerts"), coloured);
        assertEquals("Opus 4.5 | $0.42 session | ctx 42% | 2 alerts: 1 critical, 1 warning",
                coloured.replaceAll("\u001b\\[[0-9;]*m", ""));
        assertTrue(StatusLineCommand.useColor(Map.of()));
        assertTrue(StatusLineCommand.useColor(Map.of("NO_COLOR", "")));
        assertEquals(false, StatusLineCommand.useColor(Map.of("NO_COLOR", "1")));
    }

    @Test
    void narrowTerminalsDropTheLeastImportantPartsFirst() {
        StatusInput input = parse(FULL);
        BigDecimal today = new BigDecimal("3.1");
        assertEquals("Opus 4.5 | $0.42 session | ctx 42% | 2 alerts: 1 critical, 1 warning",
                new StatusLineRenderer(false, 70).render(input, today, TWO_ALERTS));
        assertEquals("ctx 42% | 2 alerts: 1 critical, 1 warning",
                new StatusLineRenderer(false, 45).render(input, today, TWO_ALERTS));
        assertEquals("2 alerts: 1 critical, 1 warning",
                new StatusLineRenderer(false, 35).render(input, today, TWO_ALERTS));
        assertEquals("2 alerts: 1\u2026", new StatusLineRenderer(false, 12).render(input, today, TWO_ALERTS));
        for (int columns = 1; columns < 100; columns++) {
            String line = new StatusLineRenderer(false, columns).render(input, today, TWO_ALERTS);
            assertTrue(line.codePointCount(0, line.length()) <= columns, columns + ": " + line);
        }
        assertEquals(0, StatusLineCommand.columns(Map.of("COLUMNS", "wide")));
        assertEquals(80, StatusLineCommand.columns(Map.of("COLUMNS", " 80 ")));
    }

    private static StatusInput parse(String json) {
        return StatusInput.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
