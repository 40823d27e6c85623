package io.hookmeter.hook.run;

import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.push.Pusher;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.StateStore;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The one way every command changes the state: lock, read, change, commit (durable), push the whole group while
 * still holding the lock, commit the push outcome (breaker), unlock. Committing before pushing means a push that
 * hangs or a deadline that strikes can never lose the change itself.
 */
public final class StateUpdate {
    private final HookConfig config;
    private final Consumer<String> log;

    public StateUpdate(HookConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
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
            Pusher.Outcome outcome = new Pusher(config, log).push(locked.state(), forcePush, budget.getAsLong());
            if (outcome == Pusher.Outcome.PUSHED || outcome == Pusher.Outcome.FAILED) {
                locked.commit();
            }
            return outcome;
        }
    }
}
