package io.hookmeter.hook.spool;

import io.hookmeter.hook.claude.EventRecorder;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.push.Pusher;
import io.hookmeter.hook.push.StateUpdate;
import io.hookmeter.hook.state.MetricsState;

import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Applies the spool in batches until it is empty, each batch one state transaction, and pushes after the last one.
 * The agent does this continuously; {@code hookmeter push}, {@code exec} and {@code record} do it themselves when no
 * agent runs, under the same lock, so there is one path and one order whoever applies.
 */
public final class SpoolDrain {
    /** Events per transaction: large enough for throughput, small enough to keep a commit short. */
    public static final int BATCH = 1000;

    private final HookConfig config;
    private final Consumer<String> log;
    private final Spool spool;
    private final EventRecorder recorder;
    private final java.util.Deque<SpoolName> backlog = new java.util.ArrayDeque<>();
    private final int[] backlogTotal = {0};

    public SpoolDrain(HookConfig config, Consumer<String> log) {
        this(config, log, new EventRecorder(EventListeners.of(config)));
    }

    public SpoolDrain(HookConfig config, Consumer<String> log, EventRecorder recorder) {
        this.config = config;
        this.log = log;
        this.spool = Spool.in(config.home());
        this.recorder = recorder;
    }

    public Spool spool() {
        return spool;
    }

    /** One batch as its own transaction; {@code alsoApply} may add the caller's own counters to it. */
    public SpoolBatch batch(StateUpdate.PushMode mode, LongSupplier budget, Consumer<MetricsState> alsoApply,
                            Consumer<Pusher.Outcome> pushed) throws IOException {
        return batch(mode, budget, alsoApply, pushed, () -> false);
    }

    /** The same, stepping aside between events while {@code othersWaiting} (see {@link SpoolBatch}). */
    public SpoolBatch batch(StateUpdate.PushMode mode, LongSupplier budget, Consumer<MetricsState> alsoApply,
                            Consumer<Pusher.Outcome> pushed, BooleanSupplier othersWaiting) throws IOException {
        SpoolBatch batch = new SpoolBatch(spool, config, log, recorder, BATCH, System::currentTimeMillis, alsoApply,
                backlog, backlogTotal, othersWaiting);
        Pusher.Outcome outcome;
        try {
            outcome = new StateUpdate(config, log).run(batch, mode, budget);
        } catch (IOException | RuntimeException e) {
            backlog.clear(); // not committed: those events wait in the spool; the next batch lists them again
            throw e;
        }
        if (pushed != null && outcome != null) {
            pushed.accept(outcome);
        }
        return batch;
    }

    /**
     * Applies everything waiting now (and whatever arrives meanwhile) and pushes once at the end.
     *
     * @return the push outcome of the last batch
     */
    public Pusher.Outcome drainAll(StateUpdate.PushMode mode, LongSupplier budget) throws IOException {
        Pusher.Outcome[] last = {null};
        SpoolBatch batch;
        do {
            batch = batch(mode, budget, null, outcome -> last[0] = outcome);
        } while (batch.remaining() > 0);
        return last[0];
    }
}
