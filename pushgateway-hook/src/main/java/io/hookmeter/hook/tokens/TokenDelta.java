package io.hookmeter.hook.tokens;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The increments one transcript read adds, per model label; applied to the counters in the same state write. */
public final class TokenDelta {
    private final Map<String, ModelTotals> byModel = new TreeMap<>();

    void add(String model, Usage tokens, long requests, ModelPrice price) {
        BigDecimal cost = price == null ? BigDecimal.ZERO : price.cost(tokens);
        byModel.merge(model, new ModelTotals(tokens, requests, cost, price != null), ModelTotals::plus);
    }

    /** Per model label, sorted. */
    public Map<String, ModelTotals> byModel() {
        return Collections.unmodifiableMap(byModel);
    }

    public boolean isEmpty() {
        return byModel.values().stream().allMatch(t -> t.requests() == 0 && t.tokens().isZero());
    }

    public BigDecimal costUsd() {
        return byModel.values().stream().map(ModelTotals::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
