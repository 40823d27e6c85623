package io.hookmeter.hook.claude;

import io.hookmeter.hook.state.MetricsState;

/**
 * A component that reacts to hook events inside the same locked state update as the built-in metrics, so its
 * counters and its bookkeeping (a {@link MetricsState#section section}) are saved together, exactly once.
 *
 * <p>Plug one in by adding it to the list in {@code io.hookmeter.hook.spool.EventListeners#of}. It is called for
 * every well-formed, known event after the built-in metrics; it should return quickly for events it does not care
 * about (PostToolUse is the hot path). Exceptions are caught, logged and counted as
 * {@code hookmeter_events_rejected_total{reason="listener_error"}}; the built-in metrics are still saved.
 */
@FunctionalInterface
public interface EventListener {
    void onEvent(HookEvent event, MetricsState state, EventContext context) throws Exception;
}
