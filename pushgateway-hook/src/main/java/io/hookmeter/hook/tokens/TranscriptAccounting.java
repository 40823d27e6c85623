package io.hookmeter.hook.tokens;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** The outcome: the increments, plus the transcripts that could not be read (kept for the next try). */
    public record Outcome(TokenDelta delta, List<String> unreadable, long bytesRead) {
    }

    public Outcome account(TokenLedger ledger, String sessionId, List<Path> transcripts, long nowMillis,
                           LocalDate today) {
        SessionBook book = ledger.session(sessionId, nowMillis);
        Map<String, AssistantUsage> batch = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        long bytes = 0;
        for (Path transcript : transcripts) {
            String key = transcript.toAbsolutePath().normalize().toString();
            try {
                TranscriptReader.Result result = reader.read(transcript, book.cursor(key),
                        entry -> batch.merge(entry.key(), entry,
                                (old, candidate) -> candidate.preferredOver(old.sidechain(), old.usage()) ? candidate : old),
                        MAX_BYTES_PER_READ);
                book.cursor(key, result.cursor());
                bytes += result.bytesRead();
            } catch (IOException | RuntimeException e) {
                unreadable.add(key + ": " + e.getMessage());
            }
        }
        TokenDelta delta = new TokenDelta();
        for (AssistantUsage entry : batch.values()) {
            count(ledger, book, entry, delta);
        }
        ledger.addCost(today, delta.costUsd());
        ledger.addHourly(nowMillis, delta);
        ledger.prune(nowMillis);
        return new Outcome(delta, unreadable, bytes);
    }

    private void count(TokenLedger ledger, SessionBook book, AssistantUsage entry, TokenDelta delta) {
        long hash = SessionBook.hash(entry.key());
        SessionBook owner = ledger.bookCounting(hash, book);
        CountedMessage counted = owner.counted().get(hash);
        if (counted == null) {
            String model = PriceTable.normalize(entry.model());
            delta.add(model, entry.usage(), 1, prices.find(model));
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
