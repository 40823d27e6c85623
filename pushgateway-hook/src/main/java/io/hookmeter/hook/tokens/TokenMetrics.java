package io.hookmeter.hook.tokens;

import io.hookmeter.hook.state.CounterFamily;
import io.hookmeter.hook.state.MetricsState;

import java.util.Map;

/** The token and cost counters (docs/design.md#metric-contract), and how a {@link TokenDelta} adds to them. */
public final class TokenMetrics {
    public static final String TOKENS = "hookmeter_tokens_total";
    public static final String COST = "hookmeter_cost_usd_total";
    public static final String REQUESTS = "hookmeter_api_requests_total";
    public static final String UNPRICED = "hookmeter_unpriced_tokens_total";

    private TokenMetrics() {
    }

    public static CounterFamily tokens(MetricsState state) {
        return state.counter(TOKENS, "Tokens used according to the transcripts, deduplicated, by model and type "
                + "(input, output, cache_creation, cache_read).", "model", "type");
    }

    public static CounterFamily cost(MetricsState state) {
        return state.counter(COST, "Cost in USD of the tokens at the configured price table, by model.", "model");
    }

    public static CounterFamily requests(MetricsState state) {
        return state.counter(REQUESTS, "API responses (deduplicated assistant messages), by model.", "model");
    }

    public static CounterFamily unpriced(MetricsState state) {
        return state.counter(UNPRICED, "Tokens of models missing from the price table (their cost counts as 0), "
                + "by model.", "model");
    }

    public static void add(MetricsState state, TokenDelta delta) {
        for (Map.Entry<String, ModelTotals> entry : delta.byModel().entrySet()) {
            String model = entry.getKey();
            ModelTotals totals = entry.getValue();
            Usage usage = totals.tokens();
            CounterFamily tokens = tokens(state);
            tokens.inc(usage.input(), model, "input");
            tokens.inc(usage.output(), model, "output");
            tokens.inc(usage.cacheCreation(), model, "cache_creation");
            tokens.inc(usage.cacheRead(), model, "cache_read");
            requests(state).inc(totals.requests(), model);
            cost(state).inc(totals.costUsd().doubleValue(), model);
            if (!totals.priced()) {
                unpriced(state).inc(usage.total(), model);
            }
        }
    }
}
