package io.hookmeter.hook.agent;

import io.hookmeter.hook.push.StateUpdate;
import io.hookmeter.hook.spool.Spool;
import io.hookmeter.hook.spool.SpoolBatch;
import io.hookmeter.hook.spool.SpoolJournal;
import io.hookmeter.hook.state.MetricsState;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Applies the spool in batches, each one state transaction (exactly once), and pushes after one when a push is
 * due; then the rereads of the batch's transcripts are scheduled and a snapshot is taken.
 */
final class Batcher {
    /**
     * At most one batch this often: a busy stream of events is applied in batches of many, not one commit (and
     * fsync) each, which leaves the cores to the hooks and POST /hook. Well within the second a push may wait.
     */
    static final long LINGER_MILLIS = 100;
    /** Events in one catch-up after which the heap is given back. */
    static final int LARGE_BACKLOG = 5000;

    private final Spool spool;
    private final SpoolJournal journal;
    private final PushSchedule schedule;
    private final TranscriptRereads rereads;
    private final AgentSnapshots snapshots;
    /** True once the spool was applied up to its end for the first time. */
    private volatile boolean ready;
    /** When the last batch ran (read by the waiting loop). */
    private volatile long lastBatchAt;
    /** When the last batch that consumed events ran. */
    private long lastActivity = System.currentTimeMillis();

    Batcher(Spool spool, SpoolJournal journal, PushSchedule schedule, TranscriptRereads rereads,
            AgentSnapshots snapshots) {
        this.spool = spool;
        this.journal = journal;
        this.schedule = schedule;
        this.rereads = rereads;
        this.snapshots = snapshots;
    }

    /**
     * Batches until the spool is empty or {@code stopping}; pushes when a push is due, otherwise leaves it pending.
     *
     * @param alsoApply     what the agent folds into each transaction besides the spool's events
     * @param othersWaiting true while requests are being answered, which the batch steps aside for
     */
    void applyAll(AgentSettings settings, Consumer<MetricsState> alsoApply, BooleanSupplier stopping,
                  BooleanSupplier othersWaiting) throws IOException {
        SpoolBatch batch;
        int consumed = 0;
        do {
            journal.seal(); // what POST /hook took so far, into new/ for this batch
            boolean due = schedule.due(System.currentTimeMillis());
            boolean[] pushed = {false};
            batch = settings.drain().batch(due ? StateUpdate.PushMode.NORMAL : StateUpdate.PushMode.NONE,
                    StateUpdate.pushBudget(settings.config()), alsoApply, outcome -> {
                        pushed[0] = true;
                        schedule.pushed(outcome, settings.config().breakerOpenMillis());
                    }, othersWaiting);
            if (batch.consumed() > 0) {
                lastActivity = System.currentTimeMillis();
                if (!pushed[0]) {
                    schedule.markPending();
                }
                rereads.schedule(batch, settings);
            }
            snapshots.take(settings.config(), batch);
            ready = true;
            consumed += batch.consumed();
        } while (batch.remaining() > 0 && !stopping.getAsBoolean());
        if (consumed >= LARGE_BACKLOG) {
            // A large backlog left its listing behind as garbage: a full collection gives the heap back (the serial
            // collector shrinks only then), so a resident agent stays small after a catch-up.
            System.gc();
        }
        lastBatchAt = System.currentTimeMillis();
    }

    boolean ready() {
        return ready;
    }

    long lastBatchAt() {
        return lastBatchAt;
    }

    long lastActivity() {
        return lastActivity;
    }

    /** Whether the last batch was less than {@link #LINGER_MILLIS} ago. */
    boolean lingering(long now) {
        return now - lastBatchAt < LINGER_MILLIS;
    }

    /** Whether events (or drop marks) wait in the spool. */
    boolean spoolHasWork() {
        return journal.hasPending() || nonEmpty(spool.incoming()) || nonEmpty(spool.dropped());
    }

    private static boolean nonEmpty(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            return files.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }
}
