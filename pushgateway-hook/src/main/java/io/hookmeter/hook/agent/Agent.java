package io.hookmeter.hook.agent;

import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.log.HookLog;
import io.hookmeter.hook.push.StateUpdate;
import io.hookmeter.hook.spool.Spool;
import io.hookmeter.hook.spool.SpoolJournal;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.statusline.StatusInput;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code hookmeter agent}: the resident process of one user and Hookmeter home. It holds the home's lock, serves
 * HTTP ({@link AgentServer}) and runs the loop: apply the spool in arrival order and in batches ({@link Batcher}),
 * push the whole group at most once a second and within a second of the last event ({@link PushSchedule}), read a
 * session's transcript once more a few seconds after its Stop ({@link TranscriptRereads}), reload a changed
 * configuration ({@link AgentSettings}), sleep until there is work ({@link LoopWake}), and exit after a configurable
 * idle time; the next hook starts it again.
 */
public final class Agent {
    static final long STOP_GRACE_SECONDS = 5;
    /** Exit status when another agent holds this home's lock: for a start, that is success (one runs). */
    public static final int ALREADY_RUNNING = 3;
    private final CountDownLatch finished = new CountDownLatch(1);

    private AgentSettings settings;
    private final HookLog log;
    private final AgentFiles files;
    private final Spool spool;
    private final SpoolJournal journal;
    private final long startMillis = System.currentTimeMillis();
    private final LoopWake wake = new LoopWake();
    private final PushSchedule schedule = new PushSchedule();
    private final TranscriptRereads rereads = new TranscriptRereads();
    private final ServerInputs inputs = new ServerInputs();
    private final AgentSnapshots snapshots = new AgentSnapshots();
    private final Batcher batcher;
    private final RequestsFirst requestsFirst = new RequestsFirst();

    /** An agent with {@code config}, read from {@code env}, which a changed config file is read again with. */
    public Agent(HookConfig config, Map<String, String> env, HookLog log) {
        this.log = log;
        this.files = new AgentFiles(config.home());
        this.spool = Spool.in(config.home());
        this.journal = new SpoolJournal(spool, log);
        this.settings = AgentSettings.of(config, env, log);
        this.batcher = new Batcher(spool, journal, schedule, rereads, snapshots);
    }

    private HookConfig config() {
        return settings.config();
    }

    /** Runs until stopped (SIGTERM, {@code agent stop}) or idle; returns the exit status. */
    public int run(PrintStream err) {
        FileLock lock;
        if (Boolean.getBoolean("hookmeter.agent.existingHome") && !Files.isDirectory(config().home())) {
            // Started by a hook whose home was deleted meanwhile (a test's temporary home): never recreate it.
            err.println("hookmeter agent: " + config().home() + " is gone; not starting");
            return 1;
        }
        try {
            spool.create();
            lock = files.tryLock();
        } catch (IOException e) {
            err.println("hookmeter agent: cannot use " + config().home() + ": " + e.getMessage());
            return 1;
        }
        if (lock == null) {
            err.println("hookmeter agent: already running in " + config().home() + " (pid " + files.pid() + ")");
            return ALREADY_RUNNING;
        }
        AgentServer server = null;
        WatchService watch = null;
        try {
            int recovered = SpoolJournal.recover(spool);
            if (recovered > 0) {
                log.accept("agent: " + recovered + " events a stopped agent took over HTTP moved into the spool");
            }
            server = AgentServer.start(this, config(), log);
            requestsFirst.follow(server.activity());
            // The address first: the pid file is what the launcher waits for, and then both are there.
            files.writeAddress(server.address());
            files.writePid(ProcessHandle.current().pid());
            // SIGTERM: let the loop finish its batch, push and clean up before the JVM halts (bounded: a hung
            // push must not keep a stop waiting; a kill at any moment loses nothing anyway).
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop();
                try {
                    finished.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "agent-shutdown"));
            watch = wake.watch(spool, log);
            log.accept("agent started, pid " + ProcessHandle.current().pid() + ", listening on " + server.address());
            loop();
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("hookmeter agent: " + e.getMessage());
            log.accept("agent stopped by an error: " + e);
            return 1;
        } finally {
            if (server != null) {
                server.stop();
            }
            try {
                journal.close();
            } catch (IOException e) {
                log.accept("agent: cannot seal the last HTTP events (" + e.getMessage() + "); the next start will");
            }
            LoopWake.close(watch);
            files.remove();
            try {
                lock.release();
                lock.channel().close();
            } catch (IOException ignored) {
                // The lock goes with the process anyway.
            }
            finished.countDown();
        }
    }

    private void loop() {
        while (!wake.stopping()) {
            long now = System.currentTimeMillis();
            if (!Files.isDirectory(config().home())) {
                // The home was deleted (uninstalled, a test's temporary home): nothing of ours left to serve.
                log.accept("agent: " + config().home() + " is gone, exiting");
                return;
            }
            try {
                settings = settings.reloadIfChanged(log);
                snapshots.refreshIfChanged(config(), log);
                schedule.refreshIfStale(now, settings.refreshMillis());
                boolean work = (schedule.pending() && schedule.due(now)) || now >= inputs.statusDueAt()
                        || (!batcher.lingering(now) && batcher.spoolHasWork());
                if (!batcher.ready() || (work && requestsFirst.mayApply(now))) {
                    batcher.applyAll(settings, this::ownCounters, wake::stopping, requestsFirst::answering);
                }
                if (rereads.readDue(System.currentTimeMillis(), settings, log)) {
                    schedule.markPending();
                }
            } catch (IOException | RuntimeException e) {
                log.accept("agent: batch failed, retrying: " + e.getMessage());
                sleepQuietly(LoopWake.POLL_MILLIS);
            }
            now = System.currentTimeMillis();
            if (now - batcher.lastActivity() >= settings.idleMillis() && !batcher.spoolHasWork()
                    && !schedule.pending()) {
                log.accept("agent idle for " + settings.idleMillis() / 1000
                        + " s, exiting (the next hook starts it again)");
                return;
            }
            long wait = nextWakeMillis(now);
            wake.await(wait, requestsFirst.holding() ? now + wait : batcher.lastBatchAt() + Batcher.LINGER_MILLIS);
        }
        // A last push of what was applied, so a stop loses nothing on the Pushgateway's side either.
        try {
            if (schedule.pending()) {
                settings.drain().batch(StateUpdate.PushMode.NORMAL, StateUpdate.pushBudget(config()),
                        this::ownCounters, outcome -> { });
            }
        } catch (IOException | RuntimeException e) {
            log.accept("agent: final push failed: " + e.getMessage());
        }
    }

    private long nextWakeMillis(long now) {
        if (requestsFirst.holding()) {
            return RequestsFirst.QUIET_MILLIS; // a batch waits for a gap between requests
        }
        if (batcher.lingering(now) && batcher.spoolHasWork()) {
            // Events came in: take them with the next batch.
            return Math.max(1, batcher.lastBatchAt() + Batcher.LINGER_MILLIS - now);
        }
        long wait = rereads.shortenWait(now, schedule.shortenWait(now, LoopWake.POLL_MILLIS));
        long statusDueAt = inputs.statusDueAt();
        return statusDueAt == Long.MAX_VALUE ? wait : Math.min(wait, Math.max(1, statusDueAt - now));
    }

    /** Counters the agent keeps outside the spool, folded into the next transaction, and the snapshot after it. */
    private void ownCounters(MetricsState state) {
        AgentMetrics.startTime(state).set(startMillis / 1000.0);
        if (inputs.foldInto(state)) {
            schedule.markPending();
        }
        snapshots.applied(state);
    }

    /** Wakes the loop: an event was spooled, or a stop was asked for. */
    void wakeUp() {
        wake.wakeUp();
    }

    void stop() {
        wake.stop();
    }

    /** A status-line input, folded into the next batch (see {@link ServerInputs#statusSeen}). */
    void statusSeen(StatusInput input, long atMillis) {
        inputs.statusSeen(input, atMillis);
    }

    void countRejected(String reason) {
        inputs.countRejected(reason);
        schedule.markPending();
        wake.wakeUp();
    }

    /** The environment the agent was started with. */
    Map<String, String> env() {
        return settings.env();
    }

    Spool spool() {
        return spool;
    }

    SpoolJournal journal() {
        return journal;
    }

    AgentSnapshot snapshot() {
        return snapshots.current();
    }

    boolean ready() {
        return batcher.ready();
    }

    long startMillis() {
        return startMillis;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
