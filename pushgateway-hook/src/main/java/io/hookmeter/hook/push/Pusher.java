package io.hookmeter.hook.push;

import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.SelfMetrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * PUTs the whole group ({@code job="hookmeter", instance, user}) with the state's cumulative totals, through the
 * circuit breaker, and records the outcome in the state. Call it while holding the state lock, so a push never
 * carries older totals than one before it; commit the state afterwards to keep the breaker's memory.
 */
public final class Pusher {
    /** What a push attempt did. */
    public enum Outcome { PUSHED, FAILED, SKIPPED_BREAKER_OPEN, DISABLED }

    private final HookConfig config;
    private final Consumer<String> log;

    public Pusher(HookConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
    }

    /** The full URL of our group. */
    public String groupUrl() {
        return config.pushgatewayUrl() + GroupingKey.path(config.instance(), config.user());
    }

    /**
     * Pushes unless the breaker is open ({@code force} ignores it, for {@code hookmeter push}).
     *
     * @param budgetMillis the time left before the hook's deadline: the timeouts never exceed it
     */
    public Outcome push(MetricsState state, boolean force, long budgetMillis) {
        if (!config.pushEnabled()) {
            return Outcome.DISABLED;
        }
        long now = System.currentTimeMillis();
        if (!force && !CircuitBreaker.allows(state.push(), now)) {
            return Outcome.SKIPPED_BREAKER_OPEN;
        }
        String url = groupUrl();
        try {
            int connect = (int) Math.max(1, Math.min(config.connectTimeoutMillis(), budgetMillis));
            int read = (int) Math.max(1, Math.min(config.timeoutMillis(), budgetMillis));
            PushClient client = new PushClient(connect, read, config.authorization());
            client.put(url, TextExposition.render(state).getBytes(StandardCharsets.UTF_8),
                    TextExposition.CONTENT_TYPE);
            CircuitBreaker.recordSuccess(state.push(), System.currentTimeMillis());
            return Outcome.PUSHED;
        } catch (IOException | RuntimeException e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            SelfMetrics.pushFailures(state).inc();
            CircuitBreaker.recordFailure(state.push(), System.currentTimeMillis(), error, config.breakerOpenMillis());
            log.accept("push to " + url + " failed (" + state.push().consecutiveFailures()
                    + " in a row): " + error);
            return Outcome.FAILED;
        }
    }
}
