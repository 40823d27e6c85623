package io.hookmeter.hook.spool;

import io.hookmeter.hook.claude.EventContext;
import io.hookmeter.hook.claude.EventRecorder;
import io.hookmeter.hook.claude.HookEvent;
import io.hookmeter.hook.claude.HookEventParser;
import io.hookmeter.hook.claude.MalformedEventException;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.push.StateUpdate;
import io.hookmeter.hook.recording.CsvImports;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.SelfMetrics;
import io.hookmeter.hook.toolcall.ToolMetrics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One batch of the spool applied in one state transaction (see {@link AppliedNames} for why it is exactly once):
 * the oldest waiting events up to a limit, in arrival order, plus the drop counts writers left. Use it as the
 * {@link StateUpdate.Change} of a {@link StateUpdate}: {@link #apply} changes the totals and records the names,
 * {@link #committed} removes the files once the commit made that safe.
 */
public final class SpoolBatch implements StateUpdate.Change {
    private final Spool spool;
    private final HookConfig config;
    private final Consumer<String> log;
    private final EventRecorder recorder;
    private final int limit;
    private final LongSupplier clock;
    private final Consumer<MetricsState> alsoApply;
    private final BooleanSupplier othersWaiting;
    private AppliedNames done = AppliedNames.none();
    private final List<HookEvent> events = new ArrayList<>();
    private int remaining;
    /**
     * Events listed but not yet applied, oldest first, shared by the batches of one drain (refilled by listing the
     * spool when empty). Events that arrive meanwhile wait for the next listing: their order among themselves is
     * kept, and they are all newer than the listed ones.
     */
    private final java.util.Deque<SpoolName> backlog;
    /** How many waited at the last listing, less what was taken since: the depth, listed or not. */
    private final int[] backlogTotal;
    /** Names held from one listing. */
    static final int LISTED = 25_000;

    /**
     * @param alsoApply     something more to change in the same transaction (the agent's own counters), or null
     * @param othersWaiting true while work that must not wait is being done (the agent's requests): the batch
     *                      steps aside ({@link Thread#yield}) between events meanwhile
     */
    public SpoolBatch(Spool spool, HookConfig config, Consumer<String> log, EventRecorder recorder, int limit,
                      LongSupplier clock, Consumer<MetricsState> alsoApply, java.util.Deque<SpoolName> backlog,
                      int[] backlogTotal, BooleanSupplier othersWaiting) {
        this.othersWaiting = othersWaiting;
        this.backlog = backlog;
        this.backlogTotal = backlogTotal;
        this.spool = spool;
        this.config = config;
        this.log = log;
        this.recorder = recorder;
        this.limit = limit;
        this.clock = clock;
        this.alsoApply = alsoApply;
    }

    @Override
    public void apply(MetricsState state) throws IOException {
        events.clear();
        AppliedNames previous = AppliedNames.read(state);
        finish(previous);
        SpoolMetrics.touch(state);
        if (alsoApply != null) {
            alsoApply.accept(state);
        }
        List<String> drops = new ArrayList<>();
        for (Map.Entry<String, String> marker : spool.dropMarkers().entrySet()) {
            if (drops.size() >= limit) {
                break;
            }
            SpoolMetrics.dropped(state).inc(marker.getValue());
            drops.add(marker.getKey());
        }
        Set<String> consumed = new HashSet<>(previous.applied());
        consumed.addAll(previous.bad());
        if (backlog.isEmpty()) {
            // One listing serves many batches (a backlog of 100 000 events is listed 4 times, not 100), and holds
            // the oldest LISTED names only, so a large backlog does not grow the heap.
            Spool.Oldest oldest = spool.oldest(LISTED + consumed.size());
            for (SpoolName name : oldest.names()) {
                if (!consumed.contains(name.file())) {
                    backlog.add(name);
                }
            }
            backlogTotal[0] = oldest.total() - (oldest.names().size() - backlog.size());
        }
        List<SpoolName> batch = new ArrayList<>();
        int polled = 0;
        while (batch.size() < limit && !backlog.isEmpty()) {
            SpoolName next = backlog.poll();
            polled++;
            if (!consumed.contains(next.file())) {
                batch.add(next);
            }
        }
        List<String> applied = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        long now = clock.getAsLong();
        int eventCount = 0;
        for (SpoolName name : batch) {
            byte[] bytes = spool.read(name);
            if (bytes == null) {
                continue;
            }
            if (name.kind().equals(SpoolName.HOOKS)) {
                List<HookGroup.Entry> group;
                try {
                    group = HookGroup.decode(bytes);
                } catch (IOException e) {
                    SelfMetrics.rejected(state, "malformed_spool_file");
                    log.accept("spooled group " + name.file() + " rejected: " + e.getMessage() + "; moved to "
                            + spool.bad());
                    bad.add(name.file());
                    continue;
                }
                long written = modifiedMillis(name);
                for (HookGroup.Entry entry : group) {
                    stepAside();
                    applyHook(name, entry.body(), entry.epochMillis(), written, state, "; the group's others are applied");
                    counted(SpoolName.HOOK, entry.epochMillis(), now, state);
                }
                applied.add(name.file());
                eventCount += group.size();
                continue;
            }
            stepAside();
            if (applyOne(name, bytes, state)) {
                applied.add(name.file());
            } else {
                bad.add(name.file());
            }
            counted(name.kind(), name.epochMillis(), now, state);
            eventCount++;
        }
        if (eventCount > 0) {
            SpoolMetrics.batchSize(state).observe(eventCount);
        }
        backlogTotal[0] = Math.max(0, backlogTotal[0] - polled);
        remaining = Math.max(backlog.size(), backlogTotal[0]);
        SpoolMetrics.depth(state).set(remaining);
        // The oldest waiting event is the next listed one; past the listing, no later than the last one applied.
        SpoolName oldest = backlog.peek() != null ? backlog.peek()
                : batch.isEmpty() ? null : batch.get(batch.size() - 1);
        SpoolMetrics.oldest(state).set(remaining == 0 ? 0
                : (oldest != null ? oldest.epochMillis() : clock.getAsLong()) / 1000.0);
        spool.markFull(remaining >= maxEvents(config));
        done = new AppliedNames(applied, bad, drops);
        done.write(state);
    }

    /**
     * Lets a waiting request run first: applying is never urgent (a push may wait a second), a request's answer is
     * (Claude Code waits for it). On 2 cores flooded with requests this took the round trip's p99 from about 5 to
     * about 3 ms; when nothing waits it costs one volatile read.
     */
    private void stepAside() {
        if (othersWaiting.getAsBoolean()) {
            Thread.yield();
        }
    }

    /** The configured bound of the spool ({@code spool.max_events}, default 50 000). */
    public static long maxEvents(HookConfig config) {
        return Math.max(1, config.getLong("spool.max_events", 50_000));
    }

    private boolean applyOne(SpoolName name, byte[] bytes, MetricsState state) throws IOException {
        switch (name.kind()) {
            case SpoolName.HOOK -> {
                return applyHook(name, bytes, name.epochMillis(), name.coarse() ? -1 : modifiedMillis(name), state,
                        "; moved to " + spool.bad());
            }
            case SpoolName.RECORD -> {
                try {
                    ToolMetrics.record(state, RecordFile.read(bytes));
                    return true;
                } catch (IOException e) {
                    SelfMetrics.rejected(state, "malformed_json");
                    log.accept("spooled record " + name.file() + " rejected: " + e.getMessage());
                    return false;
                }
            }
            case SpoolName.CSV -> {
                CsvImports.apply(state, bytes);
                return true;
            }
            default -> throw new IllegalStateException("unknown spool kind " + name.kind());
        }
    }

    /**
     * Applies one hook event handed over at {@code arrived} and written at {@code written} (epoch ms; -1 when
     * unknown); false when it cannot be parsed (then it is counted as rejected).
     */
    private boolean applyHook(SpoolName name, byte[] bytes, long arrived, long written, MetricsState state,
                              String consequence) {
        HookEvent event;
        try {
            event = HookEventParser.parse(new ByteArrayInputStream(bytes));
        } catch (MalformedEventException e) {
            SelfMetrics.rejected(state, e.reason());
            log.accept("spooled event in " + name.file() + " rejected (" + e.reason() + "): " + e.getMessage()
                    + consequence);
            observeHookDuration(arrived, written, state, null);
            return false;
        }
        recorder.record(event, state, new EventContext(config, log, arrived, () -> Long.MAX_VALUE));
        observeHookDuration(arrived, written, state, event);
        events.add(event);
        return true;
    }

    private static void counted(String kind, long arrived, long now, MetricsState state) {
        SpoolMetrics.applied(state).inc(kind);
        SpoolMetrics.applyDelay(state).observe(Math.max(0, now - arrived) / 1000.0);
    }

    /** When the file was written (its modification time), or -1 when it is gone. */
    private long modifiedMillis(SpoolName name) {
        try {
            return Files.getLastModifiedTime(spool.incoming().resolve(name.file())).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The hook's own time: from its start (the name's time, or its arrival in a group) to its event being written
     * (the file's modification time). Unknown where the writer had whole seconds only.
     */
    private static void observeHookDuration(long arrived, long written, MetricsState state, HookEvent event) {
        if (written >= 0) {
            HookDuration.family(state).observe(Math.max(0, written - arrived) / 1000.0,
                    EventRecorder.eventLabel(event));
        }
    }

    @Override
    public void committed(MetricsState state) throws IOException {
        finish(done);
    }

    /** Removes what a committed batch consumed; safe to repeat (a later batch repeats it after a crash). */
    private void finish(AppliedNames names) throws IOException {
        for (String file : names.applied()) {
            spool.delete(file);
        }
        for (String file : names.bad()) {
            spool.moveToBad(file);
        }
        for (String file : names.drops()) {
            spool.deleteDropMarker(file);
        }
    }

    /** Push only once the spool is empty: a drain of many batches pushes once, at its end. */
    @Override
    public boolean wantsPush() {
        return remaining == 0;
    }

    /** The hook events this batch applied (valid after the commit), for work that follows them. */
    public List<HookEvent> events() {
        return List.copyOf(events);
    }

    /** How many events the batch consumed, drops included. */
    public int consumed() {
        return done.applied().size() + done.bad().size() + done.drops().size();
    }

    /** Events still waiting after this batch. */
    public int remaining() {
        return remaining;
    }
}
