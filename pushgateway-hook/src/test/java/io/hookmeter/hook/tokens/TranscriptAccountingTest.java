package io.hookmeter.hook.tokens;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact token totals and costs from the fixtures under src/test/resources/transcripts. */
class TranscriptAccountingTest {
    private static final String OPUS = "claude-opus-4-5-20251101";
    private static final String SONNET = "claude-sonnet-4-5";
    private static final String HAIKU = "claude-haiku-4-5-20251001";
    private static final String MYSTERY = "claude-mystery-9";
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

    @TempDir
    Path dir;
    private Path main;
    private Path subagent;
    private final TokenLedger ledger = new TokenLedger();
    private final TranscriptAccounting accounting = new TranscriptAccounting(PriceTable.bundled());

    @BeforeEach
    void copyFixtures() throws IOException {
        main = copy("main.jsonl", dir.resolve("s1.jsonl"));
        subagent = copy("main/subagents/agent-a1.jsonl", dir.resolve("s1/subagents/agent-a1.jsonl"));
    }

    @Test
    void mainTranscriptCountsEachResponseOnceWithExactCosts() {
        TokenDelta delta = account(main);
        Map<String, ModelTotals> m = delta.byModel();
        assertEquals(List.of(MYSTERY, OPUS, HAIKU, SONNET).stream().sorted().toList(), List.copyOf(m.keySet()));
        // msg_A twice (two content blocks) + msg_F (sidechain replay, then main chain): 2 requests
        assertEquals(new ModelTotals(new Usage(105, 60, 0, 1000, 0, 0), 2, new BigDecimal("0.002525"), true),
                m.get(OPUS));
        // [1m] stripped; 1000 five-minute writes at 3.75 and 2000 one-hour writes at 6 per million
        assertEquals(new ModelTotals(new Usage(10, 200, 3000, 0, 1000, 2000), 1, new BigDecimal("0.01878"), true),
                m.get(SONNET));
        // streaming lines of msg_G: the larger usage counts; unsplit cache writes priced as 5-minute writes
        assertEquals(new ModelTotals(new Usage(20, 300, 400, 0, 0, 0), 1, new BigDecimal("0.00202"), true),
                m.get(HAIKU));
        // unknown model: tokens counted, cost 0, marked unpriced
        assertEquals(new ModelTotals(new Usage(500, 100, 0, 0, 0, 0), 1, BigDecimal.ZERO, false), m.get(MYSTERY));
        assertEquals(0, new BigDecimal("0.023325").compareTo(delta.costUsd()));
        assertEquals(0, new BigDecimal("0.023325").compareTo(ledger.costOn(TODAY)));
    }

    @Test
    void halfWrittenLastLineWaitsForItsNewline() throws IOException {
        account(main);
        assertTrue(account(main).isEmpty(), "nothing new, and the partial line is not counted");
        Files.write(main, read("main-rest.txt"), StandardOpenOption.APPEND);
        Map<String, ModelTotals> m = account(main).byModel();
        assertEquals(Map.of(OPUS, new ModelTotals(new Usage(1, 1, 0, 0, 0, 0), 1, new BigDecimal("0.00003"), true)),
                m);
    }

    @Test
    void subagentTranscriptAddsItsOwnResponsesButNotReplays() {
        account(main);
        TokenDelta delta = account(subagent);
        // msg_S1 is new; the sidechain replay of msg_A was counted from the main chain already
        assertEquals(Map.of(HAIKU, new ModelTotals(new Usage(2000, 400, 0, 0, 0, 0), 1, new BigDecimal("0.004"), true)),
                delta.byModel());
    }

    @Test
    void sidechainFirstThenMainChainCountsOnce() {
        TokenDelta first = account(subagent);
        assertEquals(1, first.byModel().get(OPUS).requests());
        TokenDelta second = account(main);
        // msg_A was counted from the subagent replay: the main-chain entry adds nothing (same usage)
        assertEquals(new Usage(5, 10, 0, 0, 0, 0), second.byModel().get(OPUS).tokens());
        assertEquals(1, second.byModel().get(OPUS).requests());
    }

    @Test
    void aResumedSessionRepeatingOldResponsesDoesNotCountThemAgain() throws IOException {
        account(main);
        Path resumed = copy("replacement.jsonl", dir.resolve("s2.jsonl"));
        TokenDelta delta = accounting.account(ledger, "s2", List.of(resumed), 2_000, TODAY).delta();
        // msg_A was counted in session s1; only msg_Z is new
        assertEquals(Map.of(HAIKU, new ModelTotals(new Usage(7, 3, 0, 0, 0, 0), 1, new BigDecimal("0.000022"), true)),
                delta.byModel());
    }

    @Test
    void fileReplacedByShorterOneIsReadAgainWithoutDoubleCounting() throws IOException {
        account(main);
        Path replacement = dir.resolve("replacement.tmp");
        copy("replacement.jsonl", replacement);
        Files.move(replacement, main, StandardCopyOption.REPLACE_EXISTING);
        TokenDelta delta = account(main);
        // msg_A is in the new file too, but it was counted; only msg_Z is new
        assertEquals(Map.of(HAIKU, new ModelTotals(new Usage(7, 3, 0, 0, 0, 0), 1, new BigDecimal("0.000022"), true)),
                delta.byModel());
    }

    @Test
    void fileTruncatedInPlaceIsReadAgainFromTheStart() throws IOException {
        account(main);
        Files.write(main, read("replacement.jsonl"), StandardOpenOption.TRUNCATE_EXISTING);
        assertEquals(1, account(main).byModel().get(HAIKU).requests());
    }

    @Test
    void ledgerSurvivesItsJsonForm() throws IOException {
        account(main);
        TokenLedger restored = TokenLedgerJson.fromJson(TokenLedgerJson.toJson(ledger));
        assertEquals(TokenLedgerJson.toJson(ledger), TokenLedgerJson.toJson(restored));
        TranscriptAccounting.Outcome again = accounting.account(restored, "s1", List.of(main, subagent), 2_000,
                TODAY);
        // only the subagent's own response is new after a round trip through the state file
        assertEquals(Map.of(HAIKU, 1L), Map.of(HAIKU, again.delta().byModel().get(HAIKU).requests()));
        assertEquals(0, new BigDecimal("0.027325").compareTo(restored.costOn(TODAY)));
        assertEquals(0, BigDecimal.ZERO.compareTo(restored.costOn(TODAY.plusDays(1))));
    }

    @Test
    void missingTranscriptCountsNothingAndKeepsTheCursor() {
        TranscriptAccounting.Outcome outcome = accounting.account(ledger, "s1", List.of(dir.resolve("nope.jsonl")),
                1_000, TODAY);
        assertTrue(outcome.delta().isEmpty());
        assertTrue(outcome.unreadable().isEmpty());
        assertFalse(ledger.sessions().isEmpty());
    }

    @Test
    void sessionsArePrunedByAgeAndCount() {
        for (int i = 0; i < TokenLedger.MAX_SESSIONS + 5; i++) {
            ledger.session("s" + i, 1_000 + i);
        }
        ledger.prune(2_000);
        assertEquals(TokenLedger.MAX_SESSIONS, ledger.sessions().size());
        assertFalse(ledger.sessions().containsKey("s0"), "least recently seen goes first");
        ledger.prune(2_000 + TokenLedger.SESSION_RETENTION_MILLIS + 1_000);
        assertTrue(ledger.sessions().isEmpty());
    }

    private TokenDelta account(Path transcript) {
        TranscriptAccounting.Outcome outcome = accounting.account(ledger, "s1", List.of(transcript), 1_000, TODAY);
        assertEquals(List.of(), outcome.unreadable());
        return outcome.delta();
    }

    private static Path copy(String fixture, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.write(target, read(fixture));
        return target;
    }

    private static byte[] read(String fixture) throws IOException {
        try (InputStream in = TranscriptAccountingTest.class.getResourceAsStream("/transcripts/" + fixture)) {
            return in.readAllBytes();
        }
    }
}
