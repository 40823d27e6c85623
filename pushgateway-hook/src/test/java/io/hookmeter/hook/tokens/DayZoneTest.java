package io.hookmeter.hook.tokens;

import io.hookmeter.hook.config.HookConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** "Today" for the status line's cost: the day of HOOKMETER_DAY_TIMEZONE, UTC by default like the rules. */
class DayZoneTest {
    @TempDir
    Path dir;

    @Test
    void theDayZoneComesFromTheEnvironmentOrConfigAndIsUtcOtherwise() throws Exception {
        assertEquals(ZoneOffset.UTC, HookConfig.load(Map.of("HOOKMETER_HOME", dir.toString())).dayZone());
        assertEquals(ZoneId.of("+02:00"), HookConfig.load(Map.of("HOOKMETER_HOME", dir.toString(),
                "HOOKMETER_DAY_TIMEZONE", "+02:00")).dayZone());
        assertEquals(ZoneOffset.UTC, HookConfig.load(Map.of("HOOKMETER_HOME", dir.toString(),
                "HOOKMETER_DAY_TIMEZONE", "Mars/Olympus")).dayZone(), "not a zone: UTC");
        Files.writeString(dir.resolve(HookConfig.FILE), "day.timezone = Europe/Berlin\n");
        assertEquals(ZoneId.of("Europe/Berlin"), HookConfig.load(Map.of("HOOKMETER_HOME", dir.toString())).dayZone());
    }

    @Test
    void todaysCostStartsAtMidnightOfTheDayZone() throws Exception {
        Path transcript = dir.resolve("s.jsonl");
        Files.writeString(transcript, "{\"type\":\"assistant\",\"requestId\":\"r\",\"message\":{\"id\":\"m\","
                + "\"model\":\"claude-opus-4-5\",\"usage\":{\"input_tokens\":1000000,\"output_tokens\":0}}}\n");
        TokenLedger ledger = new TokenLedger();
        long now = Instant.parse("2026-12-02T23:30:00Z").toEpochMilli(); // 01:30 on the 3rd at +02:00
        new TranscriptAccounting(PriceTable.bundled()).account(ledger, "s", List.of(transcript), Map.of(), now,
                ZoneId.of("+02:00"));
        assertEquals(LocalDate.of(2026, 12, 3), ledger.costDay());
        assertEquals(Instant.parse("2026-12-02T22:00:00Z").toEpochMilli(), ledger.costDayStartMillis());
        assertEquals(Instant.parse("2026-12-03T22:00:00Z").toEpochMilli(), ledger.costDayEndMillis());
        assertEquals(0, new BigDecimal("5").compareTo(ledger.costToday()), "1M input tokens of Opus 4.5: $5");
    }
}
