package io.hookmeter.hook.tokens;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.hookmeter.hook.state.MetricsState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelUsageReportTest {
    private static final long HOUR = TokenLedger.HOUR_MILLIS;
    private static final long T0 = 494_000 * HOUR + 10 * 60_000;

    @TempDir
    Path dir;

    @Test
    void sinceSelectsTheHoursAndSumsPerModel() throws IOException {
        TokenLedger ledger = new TokenLedger();
        TranscriptAccounting accounting = new TranscriptAccounting(PriceTable.bundled());
        accounting.account(ledger, "old", List.of(copy("main.jsonl", "old.jsonl")), T0, LocalDate.EPOCH);
        long now = T0 + 30 * HOUR;
        accounting.account(ledger, "new", List.of(copy("main/subagents/agent-a1.jsonl", "new.jsonl")), now,
                LocalDate.EPOCH);
        MetricsState state = new MetricsState();
        state.putSection(TokenLedgerJson.SECTION, TokenLedgerJson.toJson(ledger));

        ModelUsageReport day = ModelUsageReport.of(state, Duration.ofHours(24), now);
        // the subagent's replay of msg_A was counted in the other session already
        assertEquals(List.of("claude-haiku-4-5-20251001"), List.copyOf(day.byModel().keySet()));
        assertEquals(new ModelTotals(new Usage(2000, 400, 0, 0, 0, 0), 1, new BigDecimal("0.004"), true),
                day.byModel().get("claude-haiku-4-5-20251001"));

        ModelUsageReport week = ModelUsageReport.of(state, Duration.ofDays(7), now);
        assertEquals(List.of("claude-haiku-4-5-20251001", "claude-mystery-9", "claude-opus-4-5-20251101",
                "claude-sonnet-4-5"), List.copyOf(week.byModel().keySet()));
        assertEquals(2, week.byModel().get("claude-haiku-4-5-20251001").requests());

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        day.printTable(new PrintStream(table, true, StandardCharsets.UTF_8));
        assertEquals("""
                MODEL                                   INPUT       OUTPUT    CACHE_WRITE     CACHE_READ  REQUESTS    COST_USD
                claude-haiku-4-5-20251001                2000          400              0              0         1      0.0040
                total                                                                                                   0.0040
                """, table.toString(StandardCharsets.UTF_8));

        StringWriter json = new StringWriter();
        try (JsonGenerator generator = new JsonFactory().createGenerator(json)) {
            week.writeJson(generator);
        }
        assertTrue(json.toString().startsWith("[{\"model\":\"claude-haiku-4-5-20251001\",\"input_tokens\":2020,"
                + "\"output_tokens\":700,\"cache_creation_tokens\":400,\"cache_read_tokens\":0,\"requests\":2,"
                + "\"cost_usd\":0.00602,\"priced\":true}"), json.toString());
    }

    @Test
    void sinceIsHoursOrDaysWithinWhatIsKept() {
        assertEquals(Duration.ofHours(24), ModelUsageReport.parseSince("24h"));
        assertEquals(Duration.ofDays(7), ModelUsageReport.parseSince("7d"));
        assertEquals(Duration.ofDays(8), ModelUsageReport.parseSince("8d"));
        for (String bad : new String[] {"9d", "0h", "-1d", "7", "d", "7w", "", "99999999999999999999d"}) {
            assertEquals(null, ModelUsageReport.parseSince(bad), bad);
        }
    }

    @Test
    void nothingRecordedSaysSo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelUsageReport.of(new MetricsState(), Duration.ofDays(7), T0).printTable(new PrintStream(out, true,
                StandardCharsets.UTF_8));
        assertEquals("no token usage recorded in this period\n", out.toString(StandardCharsets.UTF_8));
    }

    private Path copy(String fixture, String name) throws IOException {
        try (InputStream in = ModelUsageReportTest.class.getResourceAsStream("/transcripts/" + fixture)) {
            return Files.write(dir.resolve(name), in.readAllBytes());
        }
    }
}
