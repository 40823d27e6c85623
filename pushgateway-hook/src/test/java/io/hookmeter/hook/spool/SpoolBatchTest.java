package io.hookmeter.hook.spool;

import io.hookmeter.hook.claude.EventRecorder;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.StateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The spool's one transaction: order, batches, and exactly once across a crash between commit and clean-up. */
class SpoolBatchTest {
    private static final String POST = "{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"%s\",\"duration_ms\":10}";

    private static SpoolBatch batch(Path home, int limit) {
        return batch(home, limit, new ArrayDeque<>(), new int[1]);
    }

    private static SpoolBatch batch(Path home, int limit, ArrayDeque<SpoolName> backlog, int[] total) {
        HookConfig config = HookConfig.load(Map.of("HOOKMETER_HOME", home.toString()));
        return new SpoolBatch(Spool.in(home), config, message -> { }, new EventRecorder(List.of()), limit,
                System::currentTimeMillis, null, backlog, total, () -> false);
    }

    /** One transaction as the StateUpdate runs it; {@code crash} skips the clean-up after the commit. */
    private static SpoolBatch run(Path home, int limit, boolean crash) throws IOException {
        return run(batch(home, limit), home, crash);
    }

    private static SpoolBatch run(SpoolBatch batch, Path home, boolean crash) throws IOException {
        try (StateStore.Locked locked = new StateStore(home, message -> { }).lock()) {
            batch.apply(locked.state());
            locked.commit();
            if (!crash) {
                batch.committed(locked.state());
            }
        }
        return batch;
    }

    private static long count(Path home, String tool) throws Exception {
        MetricsState state = new StateStore(home, message -> { }).readOnly();
        var family = state.family("hookmeter_tool_duration_seconds");
        return family == null || family.find(tool, "success", "main") == null ? 0
                : family.find(tool, "success", "main").count();
    }

    private static long waiting(Path home) throws IOException {
        try (Stream<Path> files = Files.list(Spool.in(home).incoming())) {
            return files.count();
        }
    }

    @Test
    void aCrashAfterTheCommitNeverAppliesABatchTwice(@TempDir Path home) throws Exception {
        Spool spool = Spool.in(home);
        for (int i = 0; i < 5; i++) {
            spool.write(SpoolName.HOOK, String.format(POST, "Bash").getBytes(StandardCharsets.UTF_8));
        }
        run(home, 3, true);
        assertEquals(3, count(home, "Bash"), "committed");
        assertEquals(5, waiting(home), "killed before the clean-up: the three files are still there");
        SpoolBatch next = run(home, 10, false);
        assertEquals(5, count(home, "Bash"), "the next batch removes the three instead of applying them again");
        assertEquals(0, waiting(home));
        assertEquals(0, next.remaining());
    }

    /** The agent's listing goes stale when a push command applies the spool meanwhile: nothing twice, no error. */
    @Test
    void aListingThatAnotherProcessAppliedMeanwhileStaysExact(@TempDir Path home) throws Exception {
        Spool spool = Spool.in(home);
        for (int i = 0; i < 5; i++) {
            spool.write(SpoolName.HOOK, String.format(POST, "Bash").getBytes(StandardCharsets.UTF_8));
        }
        ArrayDeque<SpoolName> agentBacklog = new ArrayDeque<>();
        int[] agentTotal = new int[1];
        run(batch(home, 2, agentBacklog, agentTotal), home, false);
        assertEquals(3, agentBacklog.size(), "the agent listed five and applied two");
        run(home, 10, true); // another process applies the other three; killed before its clean-up, even
        SpoolBatch stale = run(batch(home, 10, agentBacklog, agentTotal), home, false);
        assertEquals(0, stale.remaining());
        assertEquals(5, count(home, "Bash"));
        assertEquals(0, waiting(home));
        MetricsState state = new StateStore(home, message -> { }).readOnly();
        assertEquals(0, ((io.hookmeter.hook.state.GaugeFamily) state.family(SpoolMetrics.DEPTH)).value());
    }

    @Test
    void aCrashBeforeTheCommitLosesNothing(@TempDir Path home) throws Exception {
        Spool spool = Spool.in(home);
        spool.write(SpoolName.HOOK, String.format(POST, "Read").getBytes(StandardCharsets.UTF_8));
        try (StateStore.Locked locked = new StateStore(home, message -> { }).lock()) {
            batch(home, 10).apply(locked.state()); // applied in memory, then the process dies: no commit
        }
        assertEquals(0, count(home, "Read"));
        run(home, 10, false);
        assertEquals(1, count(home, "Read"));
    }

    @Test
    void eventsApplyInArrivalOrderAcrossBatches(@TempDir Path home) throws Exception {
        Spool spool = Spool.in(home);
        spool.create();
        // Written out of order on purpose: a PreToolUse whose Post was handed over 2 s later, and a Post in between.
        long t = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli() * 1_000_000L;
        Files.writeString(spool.incoming().resolve(String.format("%019d-2.hook", t + 2_000_000_000L)),
                "{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Edit\",\"tool_use_id\":\"e1\"}");
        Files.writeString(spool.incoming().resolve(String.format("%019d-1.hook", t)),
                "{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Edit\",\"tool_use_id\":\"e1\"}");
        run(home, 1, false);
        SpoolBatch second = run(home, 1, false);
        assertEquals(0, second.remaining());
        MetricsState state = new StateStore(home, message -> { }).readOnly();
        var edit = state.family("hookmeter_tool_duration_seconds").find("Edit", "success", "main");
        assertEquals(1, edit.count());
        assertEquals(2.0, edit.sum(), 1e-9, "paired by their hand-over times, however late they were applied");
    }

    @Test
    void aFileThatIsNoEventIsMovedAsideAndTheQueueGoesOn(@TempDir Path home) throws Exception {
        Spool spool = Spool.in(home);
        spool.write(SpoolName.HOOK, "{\"hook_event_name\":".getBytes(StandardCharsets.UTF_8));
        spool.write(SpoolName.HOOK, String.format(POST, "Glob").getBytes(StandardCharsets.UTF_8));
        spool.write(SpoolName.RECORD, "not json".getBytes(StandardCharsets.UTF_8));
        run(home, 10, false);
        assertEquals(1, count(home, "Glob"));
        try (Stream<Path> bad = Files.list(spool.bad())) {
            assertEquals(2, bad.count());
        }
        assertEquals(0, waiting(home));
    }

    @Test
    void dropMarksBecomeTheDroppedCounterOnce(@TempDir Path home) throws Exception {
        Spool spool = Spool.in(home);
        spool.countDrop("spool_full");
        spool.countDrop("spool_full");
        spool.countDrop("write_failed");
        run(home, 10, true);
        run(home, 10, false);
        MetricsState state = new StateStore(home, message -> { }).readOnly();
        var dropped = (io.hookmeter.hook.state.CounterFamily) state.family(SpoolMetrics.DROPPED);
        assertEquals(2, dropped.value("spool_full"), "counted once, though the first batch crashed after its commit");
        assertEquals(1, dropped.value("write_failed"));
        try (Stream<Path> marks = Files.list(spool.dropped())) {
            assertEquals(0, marks.count());
        }
    }

    @Test
    void namesSortInArrivalOrderAndOthersAreIgnored() {
        SpoolName early = SpoolName.parse("1796283519864706163-4711.hook");
        SpoolName late = SpoolName.parse("1796283519864706164-12.hook");
        assertEquals(-1, Integer.signum(early.compareTo(late)));
        assertEquals(1796283519864L, early.epochMillis());
        assertEquals(false, early.coarse());
        assertEquals(true, SpoolName.parse("1796283519000000000-9.hook").coarse(), "whole seconds (macOS date)");
        assertNull(SpoolName.parse(".1796283519864706163-4711.hook.swp"));
        assertNull(SpoolName.parse("1796283519864706163-4711.txt"));
        assertNull(SpoolName.parse("17962835198647x6163-4711.hook"));
        SpoolName made = SpoolName.next(SpoolName.RECORD);
        assertEquals(made, SpoolName.parse(made.file()));
    }

    /** POST /hook's group files: every event in one applied, exactly once across a crash after the commit. */
    @Test
    void aGroupFileAppliesEachOfItsEventsOnce(@TempDir Path home) throws Exception {
        Spool spool = Spool.in(home);
        spool.create();
        long t = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli() * 1_000_000L;
        byte[] group = HookGroup.encode(List.of(
                new HookGroup.Entry(t, String.format(POST, "Bash").getBytes(StandardCharsets.UTF_8)),
                new HookGroup.Entry(t + 1000, "{\n  \"hook_event_name\": \"PostToolUse\",\n  \"tool_name\": \"Bash\","
                        .concat("\n  \"duration_ms\": 10\n}").getBytes(StandardCharsets.UTF_8)),
                new HookGroup.Entry(t + 2000, "{\"hook_event_name\":".getBytes(StandardCharsets.UTF_8))));
        spool.writeAt(SpoolName.HOOKS, group, Instant.ofEpochSecond(0, t));
        spool.write(SpoolName.HOOK, String.format(POST, "Bash").getBytes(StandardCharsets.UTF_8));
        run(home, 10, true);
        assertEquals(3, count(home, "Bash"), "two of the group (one pretty-printed), then the plain file");
        run(home, 10, false);
        assertEquals(3, count(home, "Bash"), "not again after the crash before the clean-up");
        assertEquals(0, waiting(home));
        MetricsState state = new StateStore(home, message -> { }).readOnly();
        var applied = (io.hookmeter.hook.state.CounterFamily) state.family(SpoolMetrics.APPLIED);
        assertEquals(4, applied.value("hook"), "each event of the group counts, the unparsable one too");
        assertEquals(1, ((io.hookmeter.hook.state.CounterFamily) state.family("hookmeter_events_rejected_total"))
                .value("malformed_json"));
    }

    @Test
    void aGroupFileThatIsCutShortIsMovedAsideWhole(@TempDir Path home) throws Exception {
        Spool spool = Spool.in(home);
        spool.create();
        byte[] group = HookGroup.encode(List.of(
                new HookGroup.Entry(1, String.format(POST, "Bash").getBytes(StandardCharsets.UTF_8)),
                new HookGroup.Entry(2, String.format(POST, "Bash").getBytes(StandardCharsets.UTF_8))));
        spool.writeAt(SpoolName.HOOKS, java.util.Arrays.copyOf(group, group.length - 5), Instant.now());
        spool.write(SpoolName.HOOK, String.format(POST, "Grep").getBytes(StandardCharsets.UTF_8));
        run(home, 10, false);
        assertEquals(0, count(home, "Bash"));
        assertEquals(1, count(home, "Grep"), "the queue goes on");
        try (Stream<Path> bad = Files.list(spool.bad())) {
            assertEquals(1, bad.count());
        }
        MetricsState state = new StateStore(home, message -> { }).readOnly();
        assertEquals(1, ((io.hookmeter.hook.state.CounterFamily) state.family("hookmeter_events_rejected_total"))
                .value("malformed_spool_file"));
    }
}
