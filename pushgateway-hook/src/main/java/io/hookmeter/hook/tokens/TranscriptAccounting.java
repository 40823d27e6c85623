package io.hookmeter.hook.tokens;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the new part of a session's transcripts into counter increments. Each API response counts once across
 * every session the ledger keeps (a resumed session's transcript repeats the old responses): the first entry seen is
 * counted in full; a later entry that is preferred (non-sidechain over sidechain,
 * then larger usage) adds only what it has beyond what was counted, since counters never go down. The ledger is
 * updated in memory; the caller writes it together with the returned increments, or neither.
 */
public final class TranscriptAccounting {
    /** New bytes read per transcript per hook run at most; the rest waits for the next run (deadline). */
    public static final long MAX_BYTES_PER_READ = 16L * 1024 * 1024;

    private final PriceTable prices;
    private final TranscriptReader reader = new TranscriptReader();

    public TranscriptAccounting(PriceTable prices) {
        this.prices = prices;
    }

    /**
     * The outcome: the increments (all, and the subagents' part by agent type), plus the transcripts that could not
     * be read (kept for the next try).
     */
    public record Outcome(TokenDelta delta, Map<String, TokenDelta> bySubagent, List<String> unreadable,
                          long bytesRead) {
    }

    /** {@link #account(TokenLedger, String, List, Map, long, ZoneId)} with no subagent types, on UTC days. */
    public Outcome account(TokenLedger ledger, String sessionId, List<Path> transcripts, long nowMillis,
                           LocalDate today) {
        return account(ledger, sessionId, transcripts, Map.of(), nowMillis, ZoneOffset.UTC, today);
    }

    /**
     * Reads the new part of {@code transcripts}; those in {@code agentTypes} are subagent transcripts, whose
     * responses also count in the subagent totals of their agent type. Today's cost is kept per day of {@code dayZone}.
     */
    public Outcome account(TokenLedger ledger, String sessionId, List<Path> transcripts,
                           Map<Path, String> agentTypes, long nowMillis, ZoneId dayZone) {
        return account(ledger, sessionId, transcripts, agentTypes, nowMillis, dayZone,
                LocalDate.ofInstant(Instant.ofEpochMilli(nowMillis), dayZone));
    }

    private Outcome account(TokenLedger ledger, String sessionId, List<Path> transcripts,
                            Map<Path, String> agentTypes, long nowMillis, ZoneId dayZone, LocalDate today) {
        SessionBook book = ledger.session(sessionId, nowMillis);
        Map<String, AssistantUsage> batch = new LinkedHashMap<>();
        Map<String, String> agentOf = new HashMap<>();
        List<String> unreadable = new ArrayList<>();
        long bytes = 0;
        for (Path transcript : transcripts) {
            String key = transcript.toAbsolutePath().normalize().toString();
            String agentType = agentTypes.get(transcript);
            try {
                TranscriptReader.Result result = reader.read(transcript, book.cursor(key), entry -> {
                    AssistantUsage old = batch.get(entry.key());
                    if (old == null || entry.preferredOver(old.sidechain(), old.usage())) {
                        batch.put(entry.key(), entry);
                        // The agent is the transcript the kept copy came from.
                        if (agentType == null) {
                            agentOf.remove(entry.key());
                        } else {
                            agentOf.put(entry.key(), agentType);
                        }
                    }
                }, MAX_BYTES_PER_READ);
                book.cursor(key, result.cursor());
                bytes += result.bytesRead();
            } catch (IOException | RuntimeException e) {
                unreadable.add(key + ": " + e.getMessage());
            }
        }
        TokenDelta delta = new TokenDelta();
        Map<String, TokenDelta> bySubagent = new TreeMap<>();
        for (AssistantUsage entry : batch.values()) {
            String agentType = agentOf.get(entry.key());
            count(ledger, book, entry, delta,
                    agentType == null ? null : bySubagent.computeIfAbsent(agentType, t -> new TokenDelta()));
        }
        ledger.addCost(today, dayZone, delta.costUsd());
        ledger.addHourly(nowMillis, delta);
        ledger.prune(nowMillis);
        return new Outcome(delta, bySubagent, unreadable, bytes);
    }

    /**
     * Counts one response into {@code delta}, and into {@code subagent} too when it came from a subagent's
     * transcript. The agent is settled when a response is first counted; a later, preferred copy only adds to the
     * totals (rare: a response seen in a subagent transcript first and the main one later stays the subagent's).
     */
    private void count(TokenLedger ledger, SessionBook book, AssistantUsage entry, TokenDelta delta,
                       TokenDelta subagent) {
        long hash = SessionBook.hash(entry.key());
        SessionBook owner = ledger.bookCounting(hash, book);
        CountedMessage counted = owner.counted().get(hash);
        if (counted == null) {
            String model = PriceTable.normalize(entry.model());
            delta.add(model, entry.usage(), 1, prices.find(model));
            if (subagent != null) {
                subagent.add(model, entry.usage(), 1, prices.find(model));
            }
            book.counted().put(hash, new CountedMessage(model, entry.sidechain(), entry.usage()));
        } else if (entry.preferredOver(counted.sidechain(), counted.usage())) {
            Usage extra = entry.usage().excessOver(counted.usage());
            if (!extra.isZero()) {
                delta.add(counted.model(), extra, 0, prices.find(counted.model()));
            }
            owner.counted().put(hash, new CountedMessage(counted.model(), entry.sidechain(),
                    counted.usage().max(entry.usage())));
        }
    }
}
