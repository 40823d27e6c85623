package io.hookmeter.hook.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookmeter.hook.CommandTable;
import io.hookmeter.hook.cli.Context;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hookmeter report --by}: transcripts with timestamps become per-period totals, each response once. */
class PeriodReportTest {
    @TempDir
    Path dir;
    private Path projects;
    private final Map<String, String> env = new HashMap<>();

    /** Opus 4.5: $5 per million input tokens, $25 per million output tokens. */
    private static String line(String id, String timestamp, boolean sidechain, long input, long output) {
        return "{\"type\": \"assistant\", \"timestamp\": \"" + timestamp + "\", \"isSidechain\": " + sidechain
                + ", \"requestId\": \"req_" + id + "\", \"message\": {\"id\": \"msg_" + id + "\", \"model\": "
                + "\"claude-opus-4-5-20251101\", \"usage\": {\"input_tokens\": " + input + ", \"output_tokens\": "
                + output + "}}}\n";
    }

    @BeforeEach
    void transcripts() throws Exception {
        projects = dir.resolve("projects");
        Path project = Files.createDirectories(projects.resolve("-work-app"));
        Files.writeString(project.resolve("s1.jsonl"),
                line("a", "2026-11-30T10:00:00.000Z", false, 1_000_000, 0)        // Mon 30 Nov: $5
                + "{\"type\": \"user\", \"timestamp\": \"2026-11-30T10:00:01Z\", \"message\": {}}\n"
                + line("a", "2026-11-30T10:00:00.500Z", false, 1_000_000, 0)      // the same response again
                + line("b", "2026-12-01T23:30:00Z", false, 0, 40_000)              // Tue 1 Dec UTC, Wed at +02:00: $1
                + "{broken\n");
        Path subagents = Files.createDirectories(project.resolve("s1/subagents"));
        Files.writeString(subagents.resolve("agent-x.jsonl"),
                line("b", "2026-12-01T23:30:00Z", true, 0, 40_000)                 // a sidechain replay of b
                + line("c", "2026-12-02T08:00:00Z", true, 200_000, 0)              // Wed 2 Dec: $1
                + line("d", "not a time", true, 1, 1));
        env.put("HOOKMETER_HOME", dir.resolve("home").toString());
    }

    private String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CommandTable.REPORT.run(List.of(args), new Context(InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env));
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    private JsonNode json(String by) throws Exception {
        String[] result = run("--by", by, "--projects", projects.toString(), "--json");
        assertEquals("0", result[0], result[2]);
        return new ObjectMapper().readTree(result[1]);
    }

    @Test
    void daysCountEachResponseOnceInTheDayOfItsTimestamp() throws Exception {
        JsonNode report = json("day");
        assertEquals("UTC", report.get("time_zone").asText());
        assertEquals(2, report.get("transcripts").asInt());
        assertEquals(1, report.get("undated_responses").asInt());
        JsonNode periods = report.get("periods");
        assertEquals(3, periods.size(), periods.toString());
        assertEquals("2026-11-30", periods.get(0).get("period").asText());
        assertEquals(1_000_000, periods.get(0).get("input_tokens").asLong());
        assertEquals(0, periods.get(0).get("cost_usd").decimalValue().compareTo(new java.math.BigDecimal("5")));
        assertEquals("2026-12-01", periods.get(1).get("period").asText());
        assertEquals(40_000, periods.get(1).get("output_tokens").asLong(), "b once, not with its replay");
        assertEquals("2026-12-02", periods.get(2).get("period").asText());
        assertEquals(1, periods.get(2).get("models").get(0).get("requests").asInt());
    }

    @Test
    void theDayZoneMovesAResponseAcrossMidnight() throws Exception {
        env.put("HOOKMETER_DAY_TIMEZONE", "+02:00");
        JsonNode periods = json("day").get("periods");
        assertEquals(2, periods.size(), periods.toString());
        assertEquals("2026-12-02", periods.get(1).get("period").asText());
        assertEquals(200_000, periods.get(1).get("input_tokens").asLong());
        assertEquals(40_000, periods.get(1).get("output_tokens").asLong());
    }

    @Test
    void weeksStartOnMondayAndMonthsAreCalendarMonths() throws Exception {
        JsonNode weeks = json("week").get("periods");
        assertEquals(1, weeks.size(), weeks.toString());
        assertEquals("2026-11-30", weeks.get(0).get("period").asText());
        assertEquals(0, weeks.get(0).get("cost_usd").decimalValue().compareTo(new java.math.BigDecimal("7")));
        JsonNode months = json("month").get("periods");
        assertEquals(2, months.size());
        assertEquals("2026-11", months.get(0).get("period").asText());
        assertEquals("2026-12", months.get(1).get("period").asText());
    }

    @Test
    void theTextTableHasATotalRow() {
        String[] result = run("--by", "month", "--projects", projects.toString());
        assertEquals("0", result[0], result[2]);
        assertTrue(result[1].contains("2026-11"), result[1]);
        assertTrue(result[1].lines().anyMatch(l -> l.startsWith("total") && l.contains("7.00")), result[1]);
        assertTrue(result[1].contains("1 response(s) without a timestamp"), result[1]);
    }

    @Test
    void theDefaultFolderIsClaudeCodesProjectsAndBadArgumentsGiveTheUsage() {
        env.put("CLAUDE_CONFIG_DIR", dir.toString());
        String[] result = run("--by", "day");
        assertEquals("0", result[0], result[2]);
        assertTrue(result[1].contains("from 2 transcript(s) in " + projects), result[1]);
        assertEquals("2", run("--by", "year")[0]);
        assertTrue(run("--by")[2].contains("--by day|week|month"));
        String[] missing = run("--by", "day", "--projects", dir.resolve("nope").toString());
        assertEquals("0", missing[0]);
        assertTrue(missing[2].contains("no such folder"), missing[2]);
    }
}
