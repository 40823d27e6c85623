package io.hookmeter.hook.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateStoreTest {
    private final List<String> logged = new ArrayList<>();

    @Test
    void everythingSurvivesACommitAndAReload(@TempDir Path home) throws Exception {
        StateStore store = new StateStore(home, logged::add);
        try (StateStore.Locked locked = store.lock()) {
            MetricsState state = locked.state();
            state.counter("hookmeter_tokens_total", "Tokens.", "model", "type").inc(1200, "opus", "input");
            state.gauge("hookmeter_cost_usd_today", "Cost today.").set(3.25);
            HistogramFamily h = state.histogram("hookmeter_tool_duration_seconds", "Durations.", Buckets.seconds(),
                    "tool");
            h.observe(0.005, "Bash");
            h.observe(0.0051, "Bash");
            h.observe(5000, "Bash");
            state.putSection("tokens", "{\"offsets\": {\"/a b/c.jsonl\": 1234},  \"v\": [1, 2.50, \"x\"]}");
            state.push().failed(1000, "refused", 16000);
            locked.commit();
        }
        MetricsState read = store.readOnly();
        assertEquals(1200, ((CounterFamily) read.family("hookmeter_tokens_total")).value("opus", "input"));
        assertEquals(3.25, ((GaugeFamily) read.family("hookmeter_cost_usd_today")).value());
        Series bash = read.family("hookmeter_tool_duration_seconds").find("Bash");
        long[] expected = new long[Buckets.seconds().length + 1];
        expected[0] = 1;
        expected[1] = 1;
        expected[expected.length - 1] = 1;
        assertArrayEquals(expected, bash.bucketCounts());
        assertEquals(3, bash.count());
        assertEquals(5000.0101, bash.sum(), 1e-9);
        assertEquals("{\"offsets\": {\"/a b/c.jsonl\": 1234},  \"v\": [1, 2.50, \"x\"]}", read.section("tokens"),
                "sections are kept byte for byte");
        assertEquals(1, read.push().consecutiveFailures());
        assertEquals(16000, read.push().openUntilMillis());
        assertEquals("refused", read.push().lastError());
        assertFalse(Files.exists(home.resolve(StateStore.TEMP_FILE)), "the temp file was renamed");
    }

    @Test
    void registeringAgainReturnsTheSameSeriesAndADifferentShapeReplacesThem(@TempDir Path home) {
        MetricsState state = new MetricsState();
        state.counter("x_total", "X.", "a").inc("1");
        assertEquals(1, state.counter("x_total", "X.", "a").value("1"));
        assertEquals(0, state.counter("x_total", "X.", "a", "b").value("1", "2"));
        assertThrows(IllegalArgumentException.class, () -> state.counter("x_total", "X.", "a", "b").inc("only one"));
        assertThrows(IllegalArgumentException.class, () -> state.counter("bad name", "X."));
    }

    @Test
    void aStateFileFromBeforeTheProjectLabelKeepsItsCounts(@TempDir Path home) throws Exception {
        // As hookmeter wrote it before the optional project label: the family without it.
        Files.writeString(home.resolve(StateStore.STATE_FILE), "{\"schema\":1,\"families\":["
                + "{\"name\":\"hookmeter_tool_duration_seconds\",\"type\":\"histogram\",\"help\":\"D.\","
                + "\"labels\":[\"tool\",\"outcome\",\"agent\"],\"buckets\":[1.0],"
                + "\"series\":[{\"l\":[\"Bash\",\"success\",\"main\"],\"b\":[2,1],\"c\":3,\"s\":4.5}]},"
                + "{\"name\":\"hookmeter_cost_usd_total\",\"type\":\"counter\",\"help\":\"C.\","
                + "\"labels\":[\"model\"],\"series\":[{\"l\":[\"opus\"],\"v\":2.5}]}],\"sections\":{}}\n");
        StateStore store = new StateStore(home, logged::add);
        try (StateStore.Locked locked = store.lock()) {
            MetricsState state = locked.state();
            HistogramFamily duration = state.histogram("hookmeter_tool_duration_seconds", "D.", new double[] {1},
                    "tool", "outcome", "agent", "project");
            Series bash = duration.find("Bash", "success", "main", "");
            assertArrayEquals(new long[] {2, 1}, bash.bucketCounts());
            assertEquals(3, bash.count());
            assertEquals(4.5, bash.sum());
            duration.observe(0.5, "Bash", "success", "main", "shop");
            CounterFamily cost = state.counter("hookmeter_cost_usd_total", "C.", "model", "project");
            assertEquals(2.5, cost.value("opus", ""));
            locked.commit();
        }
        MetricsState read = store.readOnly();
        assertEquals(List.of("tool", "outcome", "agent", "project"),
                read.family("hookmeter_tool_duration_seconds").labelNames());
        assertEquals(1, read.family("hookmeter_tool_duration_seconds").find("Bash", "success", "main", "shop")
                .count());
        assertTrue(logged.isEmpty(), logged.toString());
    }

    @Test
    void aDamagedFileIsMovedAsideKeptAndCounted(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve(StateStore.STATE_FILE), "{\"schema\":1,\"families\":[{\"name\":");
        StateStore store = new StateStore(home, logged::add);
        try (StateStore.Locked locked = store.lock()) {
            assertEquals(1, SelfMetrics.recoveries(locked.state()).value());
            locked.commit();
        }
        try (Stream<Path> files = Files.list(home)) {
            List<Path> aside = files.filter(f -> f.getFileName().toString().startsWith(StateStore.CORRUPT_PREFIX))
                    .toList();
            assertEquals(1, aside.size());
            assertEquals("{\"schema\":1,\"families\":[{\"name\":", Files.readString(aside.get(0)));
        }
        assertEquals(1, SelfMetrics.recoveries(store.readOnly()).value(), "the recovery is counted in the new file");
        assertTrue(logged.get(0).contains("moved aside"), logged.toString());
    }

    @Test
    void anotherSchemaVersionIsNotMisread(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve(StateStore.STATE_FILE), "{\"schema\":99,\"families\":[]}");
        assertThrows(CorruptStateException.class, () -> new StateStore(home, logged::add).readOnly());
        try (StateStore.Locked locked = new StateStore(home, logged::add).lock()) {
            assertEquals(1, SelfMetrics.recoveries(locked.state()).value());
        }
    }

    @Test
    void onlyTheNewestDamagedFilesAreKept(@TempDir Path home) throws Exception {
        for (int i = 0; i < StateStore.CORRUPT_KEPT + 3; i++) {
            Files.writeString(home.resolve(StateStore.CORRUPT_PREFIX + (1000 + i)), "old");
        }
        Files.writeString(home.resolve(StateStore.STATE_FILE), "not json");
        try (StateStore.Locked locked = new StateStore(home, logged::add).lock()) {
            assertNull(locked.state().section("anything"));
        }
        try (Stream<Path> files = Files.list(home)) {
            assertEquals(StateStore.CORRUPT_KEPT,
                    files.filter(f -> f.getFileName().toString().startsWith(StateStore.CORRUPT_PREFIX)).count());
        }
    }

    @Test
    void aFullDiskKeepsTheLastSavedStateLeavesNoTempFileAndSaysWhy(@TempDir Path home) throws Exception {
        StateStore store = new StateStore(home, logged::add);
        try (StateStore.Locked locked = store.lock()) {
            locked.state().counter("n_total", "N.").inc();
            locked.commit();
        }
        byte[] saved = Files.readAllBytes(store.stateFile());
        // Every write to /dev/full fails with ENOSPC, the very error of a full disk.
        Path temp = Files.createSymbolicLink(home.resolve(StateStore.TEMP_FILE), Path.of("/dev/full"));
        try (StateStore.Locked locked = store.lock()) {
            locked.state().counter("n_total", "N.").inc();
            IOException full = assertThrows(IOException.class, locked::commit);
            assertEquals("cannot save the state to " + temp + ": No space left on device; " + store.stateFile()
                    + " keeps its last saved totals", full.getMessage());
        }
        assertArrayEquals(saved, Files.readAllBytes(store.stateFile()), "the last good file, byte for byte");
        assertFalse(Files.exists(temp, java.nio.file.LinkOption.NOFOLLOW_LINKS), "the failed temp file is removed");
        try (StateStore.Locked locked = store.lock()) {
            locked.state().counter("n_total", "N.").inc();
            locked.commit();
        }
        assertEquals(2, ((CounterFamily) store.readOnly().family("n_total")).value(),
                "the failed update is dropped, never half-counted");
    }

    @Test
    void aHomeThatCannotBeCreatedIsReportedInWords(@TempDir Path dir) throws Exception {
        Path home = Files.writeString(dir.resolve("a-file"), "").resolve("home");
        IOException e = assertThrows(IOException.class, () -> new StateStore(home, logged::add).lock().close());
        assertEquals("cannot create the Hookmeter home " + home + ": Not a directory; nothing saved", e.getMessage());
    }

    @Test
    void concurrentUpdatesInOneProcessAreNotLost(@TempDir Path home) throws Exception {
        StateStore store = new StateStore(home, logged::add);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    try (StateStore.Locked locked = store.lock()) {
                        locked.state().counter("n_total", "N.").inc();
                        locked.commit();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertEquals(100, ((CounterFamily) store.readOnly().family("n_total")).value());
    }

    @Test
    void seriesBeyondTheLimitAreDroppedAndCounted() throws IOException {
        MetricsState state = StateStore.fresh();
        CounterFamily family = state.counter("many_total", "Many.", "k");
        for (int i = 0; i < MetricFamily.MAX_SERIES + 5; i++) {
            family.inc(Integer.toString(i));
        }
        assertEquals(MetricFamily.MAX_SERIES, family.series().size());
        assertEquals(5, SelfMetrics.rejected(state).value("series_limit"));
    }
}
