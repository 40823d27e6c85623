package io.hookmeter.hook.tokens;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bookkeeping of one Claude Code session: a cursor per transcript (main and subagents) and every API response
 * counted so far, keyed by a 64-bit hash of message.id + requestId (keeps the state file small).
 */
public final class SessionBook {
    private long lastSeenMillis;
    private final Map<String, TranscriptCursor> cursors = new LinkedHashMap<>();
    private final Map<Long, CountedMessage> counted = new HashMap<>();

    public SessionBook(long lastSeenMillis) {
        this.lastSeenMillis = lastSeenMillis;
    }

    public long lastSeenMillis() {
        return lastSeenMillis;
    }

    void touch(long nowMillis) {
        lastSeenMillis = Math.max(lastSeenMillis, nowMillis);
    }

    public TranscriptCursor cursor(String transcript) {
        return cursors.getOrDefault(transcript, TranscriptCursor.START);
    }

    public void cursor(String transcript, TranscriptCursor cursor) {
        cursors.put(transcript, cursor);
    }

    public Map<String, TranscriptCursor> cursors() {
        return cursors;
    }

    public Map<Long, CountedMessage> counted() {
        return counted;
    }

    /** FNV-1a, 64 bits, over the UTF-8 bytes of the dedup key. */
    public static long hash(String key) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
