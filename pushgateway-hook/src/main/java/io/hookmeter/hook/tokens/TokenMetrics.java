package io.hookmeter.hook.tokens;

import io.hookmeter.hook.project.ProjectLabel;
import io.hookmeter.hook.state.CounterFamily;
import io.hookmeter.hook.state.MetricsState;

import java.util.Map;

/** The token and cost counters (docs/design.md#metric-contract), and how a {@link TokenDelta} adds to them. */
public final class TokenMetrics {
    public static final String TOKENS = "hookmeter_tokens_total";
    public static final String COST = "hookmeter_cost_usd_total";
    public static final String REQUESTS = "hookmeter_api_requests_total";
    public static final String UNPRICED = "hookmeter_unpriced_tokens_total";
    public static final String SUBAGENT_TOKENS = "hookmeter_subagent_tokens_total";
    public static final String SUBAGENT_COST = "hookmeter_subagent_cost_usd_total";

    private TokenMetrics() {
    }

    /**
     * Tokens, cost and requests end with the {@code project} label: empty (no label) outside a git work tree. Their
     * help texts are those from before that label, so that those series are exposed byte for byte as before.
     */
    public static CounterFamily tokens(MetricsState state) {
        return state.counter(TOKENS, "Tokens used according to the transcripts, deduplicated, by model and type "
                + "(input, output, cache_creation, cache_read).", "model", "type", ProjectLabel.LABEL);
    }

    public static CounterFamily cost(MetricsState state) {
        return state.counter(COST, "Cost in USD of the tokens at the configured price table, by model.", "model",
                ProjectLabel.LABEL);
    }

    public static CounterFamily requests(MetricsState state) {
        return state.counter(REQUESTS, "API responses (deduplicated assistant messages), by model.", "model",
                ProjectLabel.LABEL);
    }

    public static CounterFamily unpriced(MetricsState state) {
        return state.counter(UNPRICED, "Tokens of models missing from the price table (their cost counts as 0), "
                + "by model.", "model");
    }

    public static CounterFamily subagentTokens(MetricsState state) {
        return state.counter(SUBAGENT_TOKENS, "The part of hookmeter_tokens_total read from subagent transcripts, by "
                + "agent type, model and type.", "agent_type", "model", "type");
    }

    public static CounterFamily subagentCost(MetricsState state) {
        return state.counter(SUBAGENT_COST, "The part of hookmeter_cost_usd_total read from subagent transcripts, by "
                + "agent type and model.", "agent_type", "model");
    }

    /** The subagents' part, also counted in the totals by {@link #add}: main = total - subagents. */
    public static void addSubagent(MetricsState state, String agentType, TokenDelta delta) {
        for (Map.Entry<String, ModelTotals> entry : delta.byModel().entrySet()) {
            String model = entry.getKey();
            Usage usage = entry.getValue().tokens();
            CounterFamily tokens = subagentTokens(state);
            tokens.inc(usage.input(), agentType, model, "input");
            tokens.inc(usage.output(), agentType, model, "output");
            tokens.inc(usage.cacheCreation(), agentType, model, "cache_creation");
            tokens.inc(usage.cacheRead(), agentType, model, "cache_read");
            subagentCost(state).inc(entry.getValue().costUsd().doubleValue(), agentType, model);
        }
    }

    /** The session's tokens, in its {@code project} ({@link ProjectLabel}; empty: none). */
    public static void add(MetricsState state, TokenDelta delta, String project) {
        for (Map.Entry<String, ModelTotals> entry : delta.byModel().entrySet()) {
            String model = entry.getKey();
            ModelTotals totals = entry.getValue();
            Usage usage = totals.tokens();
            CounterFamily tokens = tokens(state);
            tokens.inc(usage.input(), model, "input", project);
            tokens.inc(usage.output(), model, "output", project);
            tokens.inc(usage.cacheCreation(), model, "cache_creation", project);
            tokens.inc(usage.cacheRead(), model, "cache_read", project);
            requests(state).inc(totals.requests(), model, project);
            cost(state).inc(totals.costUsd().doubleValue(), model, project);
            if (!totals.priced()) {
                unpriced(state).inc(usage.total(), model);
            }
        }
    }
}
