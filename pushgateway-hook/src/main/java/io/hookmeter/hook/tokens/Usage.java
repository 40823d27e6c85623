package io.hookmeter.hook.tokens;

/**
 * Token counts of one API response (or a sum of them), as in a transcript's {@code message.usage}.
 * {@code cacheCreation} is the total cache write; {@code cacheWrite5m} and {@code cacheWrite1h} are its split by
 * cache lifetime when the transcript gives one (both 0 otherwise).
 */
public record Usage(long input, long output, long cacheCreation, long cacheRead, long cacheWrite5m,
                    long cacheWrite1h) {
    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0, 0);

    public Usage plus(Usage other) {
        return new Usage(input + other.input, output + other.output, cacheCreation + other.cacheCreation,
                cacheRead + other.cacheRead, cacheWrite5m + other.cacheWrite5m, cacheWrite1h + other.cacheWrite1h);
    }

    /** What {@code this} adds over {@code counted}, per field, never negative: counters only go up. */
    public Usage excessOver(Usage counted) {
        return new Usage(Math.max(0, input - counted.input), Math.max(0, output - counted.output),
                Math.max(0, cacheCreation - counted.cacheCreation), Math.max(0, cacheRead - counted.cacheRead),
                Math.max(0, cacheWrite5m - counted.cacheWrite5m), Math.max(0, cacheWrite1h - counted.cacheWrite1h));
    }

    /** The field-wise maximum: what has been counted once both were seen. */
    public Usage max(Usage other) {
        return new Usage(Math.max(input, other.input), Math.max(output, other.output),
                Math.max(cacheCreation, other.cacheCreation), Math.max(cacheRead, other.cacheRead),
                Math.max(cacheWrite5m, other.cacheWrite5m), Math.max(cacheWrite1h, other.cacheWrite1h));
    }

    /** Every token of every type; what "larger usage" compares. */
    public long total() {
        return input + output + cacheCreation + cacheRead;
    }

    public boolean isZero() {
        return total() == 0 && cacheWrite5m == 0 && cacheWrite1h == 0;
    }

    /** Cache writes the transcript did not split by lifetime; they are priced as 5-minute writes (the default). */
    public long cacheWriteUnsplit() {
        return Math.max(0, cacheCreation - cacheWrite5m - cacheWrite1h);
    }
}
