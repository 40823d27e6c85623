package io.hookmeter.hook.tokens;

import io.hookmeter.hook.claude.EventContext;
import io.hookmeter.hook.claude.HookEvent;
import io.hookmeter.hook.claude.HookEventParser;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.StateCodec;
import io.hookmeter.hook.statusline.TodayCost;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The listener inside the hook's state update: counters and ledger together, through the real state codec. */
class TokenListenerTest {
    private static final String OPUS = "claude-opus-4-5-20251101";
    private static final String HAIKU = "claude-haiku-4-5-20251001";

    @TempDir
    Path dir;
    private Path main;
    private final List<String> log = new ArrayList<>();
    private final TokenListener listener = new TokenListener(PriceTable.bundled());
    private MetricsState state = new MetricsState();

    @BeforeEach
    void copyFixtures() throws IOException {
        main = copy("main.jsonl", dir.resolve("s1.jsonl"));
        copy("main/subagents/agent-a1.jsonl", dir.resolve("s1/subagents/agent-a1.jsonl"));
    }

    @Test
    void stopCountsTheMainTranscriptIntoTheCounters() throws Exception {
        listener.onEvent(event("Stop", null), state, context(2000));
        assertEquals(105, TokenMetrics.tokens(state).value(OPUS, "input"));
        assertEquals(60, TokenMetrics.tokens(state).value(OPUS, "output"));
        assertEquals(1000, TokenMetrics.tokens(state).value(OPUS, "cache_read"));
        assertEquals(3000, TokenMetrics.tokens(state).value("claude-sonnet-4-5", "cache_creation"));
        assertEquals(2, TokenMetrics.requests(state).value(OPUS));
        assertEquals(0.002525, TokenMetrics.cost(state).value(OPUS), 1e-15);
        assertEquals(0.01878, TokenMetrics.cost(state).value("claude-sonnet-4-5"), 1e-15);
        assertEquals(0, TokenMetrics.cost(state).value("claude-mystery-9"));
        assertEquals(600, TokenMetrics.unpriced(state).value("claude-mystery-9"));
        assertNull(TokenMetrics.unpriced(state).find(OPUS), "priced models are not in the unpriced counter");
        assertEquals(List.of(), log);
    }

    @Test
    void ledgerTravelsThroughTheStateFileSoEachResponseCountsOnce() throws Exception {
        listener.onEvent(event("Stop", null), state, context(2000));
        state = StateCodec.read(StateCodec.write(state)); // what the next hook process reads
        listener.onEvent(event("Stop", null), state, context(2000));
        assertEquals(2, TokenMetrics.requests(state).value(OPUS), "nothing new on a second Stop");
        listener.onEvent(event("SubagentStop", dir.resolve("s1/subagents/agent-a1.jsonl")), state, context(2000));
        assertEquals(2020, TokenMetrics.tokens(state).value(HAIKU, "input"));
        assertEquals(2, TokenMetrics.requests(state).value(HAIKU));
        assertEquals(2, TokenMetrics.requests(state).value(OPUS), "the subagent's replay of msg_A is not new");
        listener.onEvent(event("SessionEnd", null), state, context(2000));
        assertEquals(2, TokenMetrics.requests(state).value(HAIKU), "SessionEnd re-reads nothing already read");
    }

    @Test
    void subagentTranscriptsAlsoCountInTheSubagentTotalsOfTheirAgentType() throws Exception {
        listener.onEvent(event("Stop", null), state, context(2000));
        listener.onEvent(new HookEvent("SubagentStop", "s1", main.toString(), dir.toString(), "a1", "Explore",
                dir.resolve("s1/subagents/agent-a1.jsonl").toString(), null, null, null, null, null, null, null,
                null, null, null), state, context(2000));
        // Of haiku's 2020 input tokens, 20 come from the main transcript.
        assertEquals(2020, TokenMetrics.tokens(state).value(HAIKU, "input"));
        assertEquals(2000, TokenMetrics.subagentTokens(state).value("Explore", HAIKU, "input"));
        assertEquals(0.004, TokenMetrics.subagentCost(state).value("Explore", HAIKU), 1e-15);
        assertNull(TokenMetrics.subagentCost(state).find("Explore", OPUS),
                "the subagent's replay of a main response stays the main session's");
    }

    @Test
    void sessionEndCountsUnreadSubagentTranscriptsAsSubagentOfUnknownType() throws Exception {
        listener.onEvent(event("SessionEnd", null), state, context(2000));
        assertEquals(0.004, TokenMetrics.subagentCost(state).value("subagent", HAIKU), 1e-15);
        assertNull(TokenMetrics.subagentCost(state).find("subagent", OPUS));
    }

    @Test
    void sessionEndAlsoReadsTheSubagentTranscripts() throws Exception {
        listener.onEvent(event("SessionEnd", null), state, context(2000));
        assertEquals(2, TokenMetrics.requests(state).value(HAIKU));
        assertEquals(0.00602, TokenMetrics.cost(state).value(HAIKU), 1e-15);
    }

    @Test
    void todaysCostIsReadableFromTheStateFileByTheStatusLine() throws Exception {
        listener.onEvent(event("SessionEnd", null), state, context(2000));
        Files.write(dir.resolve(TodayCost.STATE_FILE), StateCodec.write(state));
        long now = System.currentTimeMillis();
        assertEquals(0, new BigDecimal("0.027325").compareTo(TodayCost.read(dir, now)));
        assertEquals(0, BigDecimal.ZERO.compareTo(TodayCost.read(dir, now + 25 * 3_600_000L)), "tomorrow");
        assertNull(TodayCost.read(dir.resolve("nothing-here"), now), "no state yet: left out");
    }

    @Test
    void otherEventsAndTightDeadlinesLeaveEverythingAlone() throws Exception {
        listener.onEvent(event("PostToolUse", null), state, context(2000));
        listener.onEvent(event("Stop", null), state, context(TokenListener.MIN_REMAINING_MILLIS - 1));
        assertNull(state.section(TokenLedgerJson.SECTION));
        assertNull(state.family(TokenMetrics.TOKENS));
        assertEquals(List.of("transcript reading postponed: too close to the hook deadline"), log);
        listener.onEvent(event("Stop", null), state, context(2000));
        assertEquals(105, TokenMetrics.tokens(state).value(OPUS, "input"), "postponed, not lost");
    }

    @Test
    void theTokensOfASessionInAGitWorkTreeCarryItsProject() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("shop/.git")).getParent();
        HookEvent stop = new HookEvent("Stop", "s1", main.toString(), repo.resolve("src").toString(), null, null,
                null, null, null, null, null, null, null, null, null, null, null);
        listener.onEvent(stop, state, context(2000));
        assertEquals(105, TokenMetrics.tokens(state).value(OPUS, "input", "shop"));
        assertNull(TokenMetrics.tokens(state).find(OPUS, "input"), "no series without the project");
        assertEquals(2, TokenMetrics.requests(state).value(OPUS, "shop"));
        assertEquals(0.002525, TokenMetrics.cost(state).value(OPUS, "shop"), 1e-15);
        assertEquals(List.of("claude-mystery-9"), TokenMetrics.unpriced(state).series().stream()
                .map(series -> String.join(",", series.labelValues())).toList(), "unpriced tokens have no project");
    }

    @Test
    void warmupEventReadsItsOwnTranscript() throws Exception {
        String json = TokenListener.warmupEvent(dir);
        HookEvent event = HookEventParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        listener.onEvent(event, state, context(2000));
        assertEquals(1, TokenMetrics.requests(state).value("claude-opus-4-5"));
    }

    @Test
    void subagentFolderIsFoundNextToTheTranscript() {
        assertEquals(List.of(dir.resolve("s1/subagents/agent-a1.jsonl")), TokenListener.subagentTranscripts(main));
        assertTrue(TokenListener.subagentTranscripts(dir.resolve("other.jsonl")).isEmpty());
    }

    private HookEvent event(String name, Path agentTranscript) {
        return new HookEvent(name, "s1", main.toString(), dir.toString(), null, null,
                agentTranscript == null ? null : agentTranscript.toString(), null, null, null, null, null, null,
                null, null, null, null);
    }

    private EventContext context(long remainingMillis) {
        return new EventContext(null, log::add, System.currentTimeMillis(), () -> remainingMillis);
    }

    private static Path copy(String fixture, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = TokenListenerTest.class.getResourceAsStream("/transcripts/" + fixture)) {
            return Files.write(target, in.readAllBytes());
        }
    }
}
