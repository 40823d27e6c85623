package io.hookmeter.hook.tokens;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * This component's private part of the state file: per-session transcript cursors and dedup sets, and today's cost
 * on this host. Written in the same atomic state write as the counters it fed, so every token counts exactly once.
 */
public final class TokenLedger {
    /** Sessions idle this long are forgotten (a resume after that may count its old messages again). */
    public static final long SESSION_RETENTION_MILLIS = 14L * 24 * 3600 * 1000;
    /**
     * At most this many sessions are kept, the least recently seen go first: every hook run reads and writes the
     * state file, and a kept API response costs about 50 bytes of it.
     */
    public static final int MAX_SESSIONS = 32;
    public static final long HOUR_MILLIS = 3_600_000;

    /** Hourly per-model totals are kept this long, for {@code hookmeter report --since 7d}. */
    public static final long HOURS_KEPT = 8 * 24;

    private final Map<String, SessionBook> sessions = new LinkedHashMap<>();
    /** Unix hour (epoch millis / 3600000) to model to what was counted in that hour. */
    private final Map<Long, Map<String, ModelTotals>> hourly = new TreeMap<>();
    private LocalDate costDay;
    /** The day's bounds in Unix ms (in the configured day zone), so the status line can tell "today" without
     * loading time zones. */
    private long costDayStartMillis;
    private long costDayEndMillis;
    private BigDecimal costToday = BigDecimal.ZERO;

    public SessionBook session(String sessionId, long nowMillis) {
        SessionBook book = sessions.computeIfAbsent(sessionId, id -> new SessionBook(nowMillis));
        book.touch(nowMillis);
        return book;
    }

    /**
     * The session that has counted this response: {@code current} when it has (or when none has, so that a new
     * count goes there), else another kept session (a resumed session repeats the responses of the one it resumes).
     */
    public SessionBook bookCounting(long hash, SessionBook current) {
        if (current.counted().containsKey(hash)) {
            return current;
        }
        for (SessionBook book : sessions.values()) {
            if (book.counted().containsKey(hash)) {
                return book;
            }
        }
        return current;
    }

    public Map<String, SessionBook> sessions() {
        return sessions;
    }

    /** Adds what one read counted to the hour it was counted in. */
    public void addHourly(long nowMillis, TokenDelta delta) {
        if (delta.isEmpty()) {
            return;
        }
        Map<String, ModelTotals> hour = hourly.computeIfAbsent(nowMillis / HOUR_MILLIS, h -> new TreeMap<>());
        delta.byModel().forEach((model, totals) -> hour.merge(model, totals, ModelTotals::plus));
    }

    /** Unix hour to model to totals, oldest first. */
    public Map<Long, Map<String, ModelTotals>> hourly() {
        return hourly;
    }

    /** Adds cost to the running total of {@code day} (a day of {@code zone}), starting over when the day changed. */
    public void addCost(LocalDate day, ZoneId zone, BigDecimal cost) {
        if (!day.equals(costDay)) {
            costDay = day;
            costDayStartMillis = day.atStartOfDay(zone).toInstant().toEpochMilli();
            costDayEndMillis = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
            costToday = BigDecimal.ZERO;
        }
        costToday = costToday.add(cost);
    }

    /** The cost counted on {@code day}: 0 when the last cost was counted on another day. */
    public BigDecimal costOn(LocalDate day) {
        return day.equals(costDay) ? costToday : BigDecimal.ZERO;
    }

    public LocalDate costDay() {
        return costDay;
    }

    void restoreCost(LocalDate day, long startMillis, long endMillis, BigDecimal cost) {
        costDay = day;
        costDayStartMillis = startMillis;
        costDayEndMillis = endMillis;
        costToday = cost;
    }

    public long costDayStartMillis() {
        return costDayStartMillis;
    }

    public long costDayEndMillis() {
        return costDayEndMillis;
    }

    public BigDecimal costToday() {
        return costToday;
    }

    /** Drops sessions idle past the retention, then the least recently seen beyond {@link #MAX_SESSIONS}. */
    public void prune(long nowMillis) {
        hourly.keySet().removeIf(hour -> hour < nowMillis / HOUR_MILLIS - HOURS_KEPT);
        sessions.values().removeIf(book -> nowMillis - book.lastSeenMillis() > SESSION_RETENTION_MILLIS);
        if (sessions.size() > MAX_SESSIONS) {
            sessions.entrySet().stream()
                    .sorted(Comparator.comparingLong(e -> e.getValue().lastSeenMillis()))
                    .limit(sessions.size() - MAX_SESSIONS)
                    .map(Map.Entry::getKey).toList()
                    .forEach(sessions::remove);
        }
    }
}
