package io.hookmeter.hook.spool;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The name of one spooled event: {@code <19-digit epoch nanoseconds>-<pid>[-<seq>].<kind>}, for example
 * {@code 1796283519864706163-4711.hook}. Names sort in arrival order: the time comes first, fixed width. The POSIX
 * hook writes {@code date +%s%N}; where {@code date} has no nanoseconds (macOS) it writes whole seconds followed by
 * nine zeros, and ties within that second are broken by the file's modification time (see {@link Spool#pending}).
 *
 * @param file       the file name
 * @param epochNanos when the event was handed over (the hook's start, the request's arrival)
 * @param kind       what the file holds: {@value #HOOK} (a Claude Code hook event), {@value #RECORD} (one
 *                   observation from exec/record), {@value #CSV} (a legacy CSV to import), {@value #HOOKS} (hook
 *                   events written together by the agent)
 */
public record SpoolName(String file, long epochNanos, String kind) implements Comparable<SpoolName> {
    public static final String HOOK = "hook";
    public static final String RECORD = "record";
    public static final String CSV = "csv";
    /** Several hook events that reached {@code POST /hook} together, in one file ({@link HookGroup}). */
    public static final String HOOKS = "hooks";
    private static final int TIME_DIGITS = 19;
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();

    /** The parsed name, or null for anything that is not a spool name (editor droppings, dot files). */
    public static SpoolName parse(String file) {
        int dot = file.lastIndexOf('.');
        if (file.length() < TIME_DIGITS + 3 || dot < TIME_DIGITS + 2 || file.charAt(TIME_DIGITS) != '-') {
            return null;
        }
        long nanos = 0;
        for (int i = 0; i < TIME_DIGITS; i++) {
            char c = file.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            nanos = nanos * 10 + (c - '0');
        }
        String kind = file.substring(dot + 1);
        if (!kind.equals(HOOK) && !kind.equals(HOOKS) && !kind.equals(RECORD) && !kind.equals(CSV)) {
            return null;
        }
        return new SpoolName(file, nanos, kind);
    }

    /** A new, unique name for an event handed over now by this process. */
    public static SpoolName next(String kind) {
        return next(kind, Instant.now());
    }

    static SpoolName next(String kind, Instant now) {
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        // As String.format("%019d-%d-%d.%s") would, which cost a request that opens a segment tens of microseconds.
        String digits = Long.toString(nanos);
        String file = "0".repeat(Math.max(0, 19 - digits.length())) + digits + "-" + PID + "-"
                + SEQUENCE.incrementAndGet() + "." + kind;
        return new SpoolName(file, nanos, kind);
    }

    public long epochMillis() {
        return epochNanos / 1_000_000;
    }

    /** True when the writer knew only whole seconds (macOS {@code date}): the time alone does not order events. */
    public boolean coarse() {
        return epochNanos % 1_000_000_000L == 0;
    }

    @Override
    public int compareTo(SpoolName other) {
        int byTime = Long.compare(epochNanos, other.epochNanos);
        return byTime != 0 ? byTime : file.compareTo(other.file);
    }
}
