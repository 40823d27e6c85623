package io.hookmeter.hook.agent;

import io.hookmeter.hook.claude.EventContext;
import io.hookmeter.hook.claude.EventListener;
import io.hookmeter.hook.claude.EventRecorder;
import io.hookmeter.hook.claude.HookEvent;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.log.HookLog;
import io.hookmeter.hook.push.GroupingKey;
import io.hookmeter.hook.push.Pusher;
import io.hookmeter.hook.push.StateUpdate;
import io.hookmeter.hook.push.TextExposition;
import io.hookmeter.hook.spool.EventListeners;
import io.hookmeter.hook.spool.Spool;
import io.hookmeter.hook.spool.SpoolBatch;
import io.hookmeter.hook.spool.SpoolDrain;
import io.hookmeter.hook.state.CorruptStateException;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.SelfMetrics;
import io.hookmeter.hook.state.StateStore;
import io.hookmeter.hook.statusline.StatusInput;
import io.hookmeter.hook.statusline.StatusLineMetrics;
import io.hookmeter.hook.tokens.TokenLedgerJson;
import io.hookmeter.hook.tokens.TokenListener;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileLock;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code hookmeter agent}: the resident process of one user and Hookmeter home. It applies the spool in arrival
 * order and in batches (each one state transaction, exactly once), pushes the whole group at most once a second and
 * within a second of the last event, reads a session's transcript once more a few seconds after its Stop, serves
 * HTTP ({@link AgentServer}) and exits after a configurable idle time; the next hook starts it again.
 */
public final class Agent {
    /** At most one push a second while busy. */
    static final long PUSH_INTERVAL_MILLIS = 1000;
    /** The slow poll behind the directory watch (a watch can miss events; some platforms only poll). */
    static final long POLL_MILLIS = 1000;
    static final long STOP_GRACE_SECONDS = 5;
    /** Exit status when another agent holds this home's lock: for a start, that is success (one runs). */
    public static final int ALREADY_RUNNING = 3;
    /**
     * At most one batch this often: a busy stream of events is applied in batches of many, not one commit (and
     * fsync) each, which leaves the cores to the hooks and POST /hook. Well within the second a push may wait.
     */
    static final long LINGER_MILLIS = 100;
    /** Events in one catch-up after which the heap is given back. */
    static final int LARGE_BACKLOG = 5000;
    static final long STATUS_DELAY_MILLIS = 10_000;
    private final CountDownLatch finished = new CountDownLatch(1);

    private HookConfig config;
    private final HookLog log;
    private final AgentFiles files;
    private final Spool spool;
    private SpoolDrain drain;
    private TokenListener tokens;
    private long rereadMillis;
    /** The agent pushes at least this often, events or not (0: only after changes). */
    private long refreshMillis;
    private long lastPushMillis = System.currentTimeMillis();
    private long idleMillis;
    private final long startMillis = System.currentTimeMillis();
    private final Object wake = new Object();
    private boolean woken;
    private volatile boolean stopping;
    private volatile AgentSnapshot snapshot = AgentSnapshot.EMPTY;
    private volatile boolean ready;
    private final Map<String, AtomicLong> rejectedByServer = new ConcurrentHashMap<>();
    /** Transcripts to read once more, by path, with when. */
    private final Map<String, Reread> rereads = new LinkedHashMap<>();
    /** When the next push may be tried: a second after the last, or when the open circuit breaker lets one through. */
    private long nextPushAt;
    private boolean pushPending = true;
    private long lastActivity = System.currentTimeMillis();
    /** When the last batch ran (read by the waiting loop under the wake lock). */
    private volatile long lastBatchAt;
    /** Modification stamps of config.properties and state.json as last seen. */
    private String configStamp;
    private String stateStamp = "";
    /** The state of the last transaction, for the snapshot taken after its commit (and push). */
    private MetricsState lastState;

    private record Reread(HookEvent event, long dueMillis) {
    }

    private record SeenStatus(StatusInput input, long atMillis) {
    }

    /** Status-line inputs waiting for a batch: the latest per session. */
    private final Map<String, SeenStatus> statusInputs = new ConcurrentHashMap<>();
    private volatile long statusDueAt = Long.MAX_VALUE;

    public Agent(HookConfig config, HookLog log) {
        this.log = log;
        this.files = new AgentFiles(config.home());
        this.spool = Spool.in(config.home());
        configure(config);
    }

    /** Everything that follows from the configuration; called again when config.properties changes. */
    private void configure(HookConfig loaded) {
        this.config = loaded;
        TokenListener tokenListener = null;
        for (EventListener listener : EventListeners.of(loaded)) {
            if (listener instanceof TokenListener t) {
                tokenListener = t;
            }
        }
        this.tokens = tokenListener;
        this.drain = new SpoolDrain(loaded, log, new EventRecorder(EventListeners.of(loaded)));
        this.rereadMillis = Math.max(0, loaded.getLong("agent.transcript_reread_ms", 5000));
        this.refreshMillis = Math.max(0, loaded.getLong("agent.push_refresh_seconds", 300)) * 1000;
        // 0: never (a service manager runs it).
        long idleSeconds = Math.max(0, loaded.getLong("agent.idle_exit_seconds", 43_200));
        this.idleMillis = idleSeconds == 0 ? Long.MAX_VALUE : idleSeconds * 1000;
        this.configStamp = stamp(loaded.home().resolve(HookConfig.FILE));
    }

    /** A changed config file (new credentials, a new Pushgateway) takes effect without a restart. */
    private void reloadIfChanged() {
        Path file = config.home().resolve(HookConfig.FILE);
        String now = stamp(file);
        if (!now.equals(configStamp)) {
            HookConfig reloaded = HookConfig.load(System.getenv());
            configure(reloaded);
            log.accept("agent: " + file + " changed, configuration reloaded"
                    + (reloaded.problem() != null ? " (" + reloaded.problem() + ")" : ""));
        }
    }

    /**
     * Another process (a push, exec or record without the agent's knowledge) may commit the state; then the
     * snapshot behind /metrics and the status line is read again from the file.
     */
    private void refreshSnapshotIfChanged() {
        String now = stamp(config.home().resolve(StateStore.STATE_FILE));
        if (now.equals(stateStamp)) {
            return;
        }
        try {
            lastState = new StateStore(config.home(), log).readOnly();
            takeSnapshot(null);
        } catch (IOException | CorruptStateException e) {
            // The next transaction recovers it; keep the last snapshot meanwhile.
        }
    }

    private static String stamp(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
        } catch (IOException e) {
            return "none";
        }
    }


    /** Runs until stopped (SIGTERM, {@code agent stop}) or idle; returns the exit status. */
    public int run(PrintStream err) {
        FileLock lock;
        if (Boolean.getBoolean("hookmeter.agent.existingHome") && !Files.isDirectory(config.home())) {
            // Started by a hook whose home was deleted meanwhile (a test's temporary home): never recreate it.
            err.println("hookmeter agent: " + config.home() + " is gone; not starting");
            return 1;
        }
        try {
            spool.create();
            lock = files.tryLock();
        } catch (IOException e) {
            err.println("hookmeter agent: cannot use " + config.home() + ": " + e.getMessage());
            return 1;
        }
        if (lock == null) {
            err.println("hookmeter agent: already running in " + config.home() + " (pid " + files.pid() + ")");
            return ALREADY_RUNNING;
        }
        AgentServer server = null;
        WatchService watch = null;
        try {
            server = AgentServer.start(this, config, log);
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
            watch = watch();
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
            closeQuietly(watch);
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
        while (!stopping) {
            long now = System.currentTimeMillis();
            if (!Files.isDirectory(config.home())) {
                // The home was deleted (uninstalled, a test's temporary home): nothing of ours left to serve.
                log.accept("agent: " + config.home() + " is gone, exiting");
                return;
            }
            try {
                reloadIfChanged();
                refreshSnapshotIfChanged();
                if (refreshMillis > 0 && now - lastPushMillis >= refreshMillis) {
                    pushPending = true; // a Pushgateway restarted without persistence is refilled even when idle
                }
                if (!ready || (pushPending && now >= nextPushAt) || now >= statusDueAt
                        || (now - lastBatchAt >= LINGER_MILLIS && spoolHasWork())) {
                    applyBatches();
                    lastBatchAt = System.currentTimeMillis();
                }
                rereadDue(System.currentTimeMillis());
            } catch (IOException | RuntimeException e) {
                log.accept("agent: batch failed, retrying: " + e.getMessage());
                sleepQuietly(POLL_MILLIS);
            }
            now = System.currentTimeMillis();
            if (now - lastActivity >= idleMillis && !spoolHasWork() && !pushPending) {
                log.accept("agent idle for " + idleMillis / 1000 + " s, exiting (the next hook starts it again)");
                return;
            }
            await(nextWakeMillis(now));
        }
        // A last push of what was applied, so a stop loses nothing on the Pushgateway's side either.
        try {
            if (pushPending) {
                drain.batch(StateUpdate.PushMode.NORMAL, StateUpdate.pushBudget(config), this::ownCounters,
                        outcome -> { });
            }
        } catch (IOException | RuntimeException e) {
            log.accept("agent: final push failed: " + e.getMessage());
        }
    }

    private long nextWakeMillis(long now) {
        long wait = POLL_MILLIS;
        if (now - lastBatchAt < LINGER_MILLIS && spoolHasWork()) {
            return Math.max(1, lastBatchAt + LINGER_MILLIS - now); // events came in: take them with the next batch
        }
        if (pushPending) {
            wait = Math.min(wait, Math.max(1, nextPushAt - now));
        }
        synchronized (rereads) {
            for (Reread reread : rereads.values()) {
                wait = Math.min(wait, Math.max(1, reread.dueMillis() - now));
            }
        }
        if (statusDueAt != Long.MAX_VALUE) {
            wait = Math.min(wait, Math.max(1, statusDueAt - now));
        }
        return wait;
    }

    /** Batches until the spool is empty; pushes when a push is due, otherwise leaves it pending. */
    private void applyBatches() throws IOException {
        SpoolBatch batch;
        int consumed = 0;
        do {
            long now = System.currentTimeMillis();
            boolean due = now >= nextPushAt;
            boolean[] pushed = {false};
            batch = drain.batch(due ? StateUpdate.PushMode.NORMAL : StateUpdate.PushMode.NONE,
                    StateUpdate.pushBudget(config), this::ownCounters, outcome -> {
                        pushed[0] = true;
                        long at = System.currentTimeMillis();
                        lastPushMillis = at;
                        nextPushAt = at + (outcome == Pusher.Outcome.SKIPPED_BREAKER_OPEN
                                ? Math.max(PUSH_INTERVAL_MILLIS, config.breakerOpenMillis()) : PUSH_INTERVAL_MILLIS);
                        pushPending = outcome == Pusher.Outcome.FAILED
                                || outcome == Pusher.Outcome.SKIPPED_BREAKER_OPEN;
                    });
            if (batch.consumed() > 0) {
                lastActivity = System.currentTimeMillis();
                if (!pushed[0]) {
                    pushPending = true;
                }
                scheduleRereads(batch);
            }
            takeSnapshot(batch);
            ready = true;
            consumed += batch.consumed();
        } while (batch.remaining() > 0 && !stopping);
        if (consumed >= LARGE_BACKLOG) {
            // A large backlog left its listing behind as garbage: a full collection gives the heap back (the serial
            // collector shrinks only then), so a resident agent stays small after a catch-up.
            System.gc();
        }
    }

    /** Counters the agent keeps outside the spool, folded into the next transaction, and the snapshot after it. */
    private void ownCounters(MetricsState state) {
        AgentMetrics.startTime(state).set(startMillis / 1000.0);
        statusDueAt = Long.MAX_VALUE;
        List<SeenStatus> seen = new ArrayList<>(statusInputs.values());
        seen.sort(Comparator.comparingLong(SeenStatus::atMillis));
        for (SeenStatus status : seen) {
            statusInputs.remove(status.input().sessionId() == null ? "" : status.input().sessionId(), status);
            StatusLineMetrics.record(status.input(), state, status.atMillis());
            pushPending = true;
        }
        for (Map.Entry<String, AtomicLong> rejected : rejectedByServer.entrySet()) {
            long count = rejected.getValue().getAndSet(0);
            if (count > 0) {
                SelfMetrics.rejected(state).inc(count, rejected.getKey());
            }
        }
        lastState = state;
    }


    private void scheduleRereads(SpoolBatch batch) {
        if (tokens == null || rereadMillis == 0) {
            return;
        }
        long due = System.currentTimeMillis() + rereadMillis;
        synchronized (rereads) {
            for (HookEvent event : batch.events()) {
                if (("Stop".equals(event.name()) && event.transcriptPath() != null)
                        || ("SubagentStop".equals(event.name()) && event.agentTranscriptPath() != null)) {
                    String key = "Stop".equals(event.name()) ? event.transcriptPath() : event.agentTranscriptPath();
                    rereads.remove(key);
                    rereads.put(key, new Reread(event, due));
                }
            }
        }
    }

    private void takeSnapshot(SpoolBatch batch) {
        MetricsState state = lastState;
        if (state == null) {
            return;
        }
        stateStamp = stamp(config.home().resolve(StateStore.STATE_FILE));
        AgentSnapshot previous = snapshot;
        Map<String, String> group = new LinkedHashMap<>();
        group.put("instance", config.instance());
        group.put("job", GroupingKey.JOB);
        group.put("user", config.user());
        boolean applied = batch != null && batch.consumed() > 0;
        snapshot = new AgentSnapshot(GroupLabels.add(TextExposition.render(state), group),
                state.section(TokenLedgerJson.SECTION),
                applied ? System.currentTimeMillis() : previous.lastBatchMillis(),
                applied ? batch.consumed() : previous.lastBatchSize(),
                batch != null ? batch.remaining() : previous.spoolDepth(),
                state.push().lastSuccessMillis(), state.push().lastError());
    }

    /** The transcripts whose second reading is due, read in one transaction. */
    private void rereadDue(long now) throws IOException {
        Map<String, Reread> due = new LinkedHashMap<>();
        synchronized (rereads) {
            rereads.entrySet().removeIf(entry -> {
                if (entry.getValue().dueMillis() <= now) {
                    due.put(entry.getKey(), entry.getValue());
                    return true;
                }
                return false;
            });
        }
        if (due.isEmpty()) {
            return;
        }
        new StateUpdate(config, log).run(state -> {
            for (Reread reread : due.values()) {
                try {
                    tokens.onEvent(reread.event(), state, new EventContext(config, log, now, () -> Long.MAX_VALUE));
                } catch (IOException e) {
                    log.accept("transcript re-read failed: " + e.getMessage());
                }
            }
        }, StateUpdate.PushMode.NONE, StateUpdate.pushBudget(config));
        pushPending = true;
    }

    private boolean spoolHasWork() {
        return nonEmpty(spool.incoming()) || nonEmpty(spool.dropped());
    }

    private static boolean nonEmpty(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            return files.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** A directory watch on new/ and dropped/ that wakes the loop; renames into new/ arrive as creations. */
    private WatchService watch() {
        try {
            WatchService service = spool.incoming().getFileSystem().newWatchService();
            spool.incoming().register(service, StandardWatchEventKinds.ENTRY_CREATE);
            spool.dropped().register(service, StandardWatchEventKinds.ENTRY_CREATE);
            Thread watcher = new Thread(() -> {
                try {
                    while (!stopping) {
                        WatchKey key = service.take();
                        key.pollEvents();
                        key.reset();
                        wakeUp();
                    }
                } catch (InterruptedException | ClosedWatchServiceException e) {
                    // stopping
                }
            }, "agent-watch");
            watcher.setDaemon(true);
            watcher.start();
            return service;
        } catch (IOException | RuntimeException e) {
            log.accept("agent: no directory watch (" + e.getMessage() + "), polling every " + POLL_MILLIS + " ms");
            return null;
        }
    }

    /** Wakes the loop: an event was spooled, or a stop was asked for. */
    void wakeUp() {
        synchronized (wake) {
            woken = true;
            wake.notifyAll();
        }
    }

    /**
     * Sleeps {@code millis} or until woken; a wake-up within {@link #LINGER_MILLIS} of the last batch waits for the
     * linger to end (events keep arriving meanwhile: a burst of wake-ups costs one loop, not one each).
     */
    private void await(long millis) {
        synchronized (wake) {
            long end = System.currentTimeMillis() + millis;
            while (!stopping) {
                long now = System.currentTimeMillis();
                long lingerEnd = lastBatchAt + LINGER_MILLIS;
                if (woken && now >= lingerEnd) {
                    break;
                }
                long left = (woken ? Math.min(end, lingerEnd) : end) - now;
                if (left <= 0) {
                    break;
                }
                try {
                    wake.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            woken = false;
        }
    }

    void stop() {
        stopping = true;
        wakeUp();
    }

    /**
     * A status-line input: the latest per session waits in memory and goes into the next batch, or one of its own
     * within {@value #STATUS_DELAY_MILLIS} ms (the status line posts every few hundred ms; a commit each would be
     * waste). Losing the waiting one to a crash costs nothing: the next input carries the same running totals.
     */
    void statusSeen(StatusInput input, long atMillis) {
        statusInputs.put(input.sessionId() == null ? "" : input.sessionId(), new SeenStatus(input, atMillis));
        if (statusDueAt == Long.MAX_VALUE) {
            statusDueAt = atMillis + STATUS_DELAY_MILLIS;
        }
    }

    void countRejected(String reason) {
        rejectedByServer.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
        pushPending = true;
        wakeUp();
    }

    Spool spool() {
        return spool;
    }

    AgentSnapshot snapshot() {
        return snapshot;
    }

    boolean ready() {
        return ready;
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

    private static void closeQuietly(WatchService watch) {
        if (watch != null) {
            try {
                watch.close();
            } catch (IOException | ClosedWatchServiceException ignored) {
                // closing anyway
            }
        }
    }
}
