package io.hookmeter.hook.tokens;

import java.math.BigDecimal;
import java.math.MathContext;

/** Prices of one model, in USD per million tokens. */
public record ModelPrice(BigDecimal input, BigDecimal cacheWrite5m, BigDecimal cacheWrite1h, BigDecimal cacheRead,
                         BigDecimal output) {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** Parses "input 5m-write 1h-write cache-read output", e.g. {@code "5 6.25 10 0.50 25"}. */
    public static ModelPrice parse(String spec) {
        String[] parts = spec.trim().split("[\\s,/]+");
        if (parts.length != 5) {
            throw new IllegalArgumentException("a price needs 5 numbers (input, 5m cache write, 1h cache write, "
                    + "cache read, output), got '" + spec.trim() + "'");
        }
        BigDecimal[] values = new BigDecimal[5];
        for (int i = 0; i < 5; i++) {
            try {
                values[i] = new BigDecimal(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + parts[i] + "' is not a number in price '" + spec.trim() + "'");
            }
            if (values[i].signum() < 0) {
                throw new IllegalArgumentException("negative price in '" + spec.trim() + "'");
            }
        }
        return new ModelPrice(values[0], values[1], values[2], values[3], values[4]);
    }

    /** The exact cost in USD: 5-minute and 1-hour cache writes priced apart; unsplit writes count as 5-minute. */
    public BigDecimal cost(Usage usage) {
        BigDecimal perMillion = input.multiply(BigDecimal.valueOf(usage.input()))
                .add(cacheWrite5m.multiply(BigDecimal.valueOf(usage.cacheWrite5m() + usage.cacheWriteUnsplit())))
                .add(cacheWrite1h.multiply(BigDecimal.valueOf(usage.cacheWrite1h())))
                .add(cacheRead.multiply(BigDecimal.valueOf(usage.cacheRead())))
                .add(output.multiply(BigDecimal.valueOf(usage.output())));
        return perMillion.divide(MILLION, MathContext.DECIMAL128).stripTrailingZeros();
    }
}
