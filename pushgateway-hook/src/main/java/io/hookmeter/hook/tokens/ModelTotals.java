package io.hookmeter.hook.tokens;

import java.math.BigDecimal;

/** What one model adds to the counters: tokens by type, API requests, exact cost, and whether it had a price. */
public record ModelTotals(Usage tokens, long requests, BigDecimal costUsd, boolean priced) {

    public ModelTotals plus(ModelTotals other) {
        return new ModelTotals(tokens.plus(other.tokens), requests + other.requests, costUsd.add(other.costUsd),
                priced && other.priced);
    }
}
