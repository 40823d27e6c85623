package io.hookmeter.hook.run;

import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.push.Pusher;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.PushStatus;
import io.hookmeter.hook.state.StateStore;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The one way every command changes the state: lock, read, change, commit (durable), push the whole group while
 * still holding the lock, commit the push outcome (breaker), unlock. Committing before pushing means a push that
 * hangs or a deadline that strikes can never lose the change itself. The second commit is skipped when the push
 * succeeded after an earlier success less than a minute ago (only the last-push time would change).
 */
public final class StateUpdate {
    /**
     * A success right after another success changes nothing but the last-push time; that is saved at most this
     * often, which spares most runs a second fsync.
     */
    static final long LAST_SUCCESS_RESOLUTION_MS = 60_000;

    private final HookConfig config;
    private final Consumer<String> log;

    public StateUpdate(HookConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
    }

    private static boolean recent(long lastSuccessMillis) {
        return System.currentTimeMillis() - lastSuccessMillis < LAST_SUCCESS_RESOLUTION_MS;
    }

    /** A change to apply under the lock. */
    @FunctionalInterface
    public interface Change {
        void apply(MetricsState state) throws IOException;
    }

    /**
     * Applies {@code change}, commits and pushes.
     *
     * @param forcePush push even when the breaker is open
     * @param budget    milliseconds left for the push (its timeouts are capped by it)
     */
    public Pusher.Outcome run(Change change, boolean forcePush, LongSupplier budget) throws IOException {
        StateStore store = new StateStore(config.home(), log);
        try (StateStore.Locked locked = store.lock()) {
            change.apply(locked.state());
            locked.commit();
            PushStatus push = locked.state().push();
            boolean wasHealthy = push.consecutiveFailures() == 0;
            long lastSuccess = push.lastSuccessMillis();
            Pusher.Outcome outcome = new Pusher(config, log).push(locked.state(), forcePush, budget.getAsLong());
            if (outcome == Pusher.Outcome.FAILED
                    || (outcome == Pusher.Outcome.PUSHED && !(wasHealthy && recent(lastSuccess)))) {
                locked.commit();
            }
            return outcome;
        }
    }
}
