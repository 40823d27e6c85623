package io.hookmeter.hook.push;

import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.PushStatus;
import io.hookmeter.hook.state.StateStore;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The one way every command changes the state: lock, read, change, commit (durable), let the change clean up what
 * the commit made safe to remove (applied spool files), push the whole group while still holding the lock, commit
 * the push outcome (breaker), unlock. Committing before pushing means a push that hangs can never lose the change
 * itself. The second commit is skipped when the push succeeded after an earlier success less than a minute ago
 * (only the last-push time would change).
 */
public final class StateUpdate {
    /**
     * A success right after another success changes nothing but the last-push time; that is saved at most this
     * often, which spares most runs a second fsync.
     */
    static final long LAST_SUCCESS_RESOLUTION_MS = 60_000;

    /** Whether to push after the commit. */
    public enum PushMode {
        /** Commit only (the agent pushes at most once a second). */
        NONE,
        /** Push unless the circuit breaker is open. */
        NORMAL,
        /** Push even when the breaker is open ({@code hookmeter push}). */
        FORCE
    }

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

        /** Runs after the change is durably committed, still under the lock. */
        default void committed(MetricsState state) throws IOException {
        }

        /** False when a push now would be premature (more batches follow); checked after {@link #apply}. */
        default boolean wantsPush() {
            return true;
        }
    }

    /**
     * Applies {@code change}, commits and pushes as {@code mode} says.
     *
     * @param budget milliseconds left for the push (its timeouts are capped by it)
     * @return the push outcome, null when {@code mode} is {@link PushMode#NONE}
     */
    public Pusher.Outcome run(Change change, PushMode mode, LongSupplier budget) throws IOException {
        StateStore store = new StateStore(config.home(), log);
        try (StateStore.Locked locked = store.lock()) {
            change.apply(locked.state());
            locked.commit();
            change.committed(locked.state());
            if (mode == PushMode.NONE || !change.wantsPush()) {
                return null;
            }
            PushStatus push = locked.state().push();
            boolean wasHealthy = push.consecutiveFailures() == 0;
            long lastSuccess = push.lastSuccessMillis();
            Pusher.Outcome outcome = new Pusher(config, log).push(locked.state(), mode == PushMode.FORCE,
                    budget.getAsLong());
            if (outcome == Pusher.Outcome.FAILED
                    || (outcome == Pusher.Outcome.PUSHED && !(wasHealthy && recent(lastSuccess)))) {
                locked.commit();
            }
            return outcome;
        }
    }

    /** The push budget of commands run by a person or a script: both timeouts. */
    public static LongSupplier pushBudget(HookConfig config) {
        long budget = config.connectTimeoutMillis() + (long) config.timeoutMillis();
        return () -> budget;
    }
}
