package io.hookmeter.hook.spool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /hook's append-only segments: appends racing seals, the bound, what a killed agent leaves, the barrier. */
class SpoolJournalTest {
    private final List<String> log = new ArrayList<>();

    /** 8 writers × 300 events while the loop seals as fast as it can: each event in new/ exactly once, in order. */
    @Test
    void appendsRacingSealsLoseNothingAndCountNothingTwice(@TempDir Path home) throws Exception {
        Spool spool = spool(home);
        SpoolJournal journal = new SpoolJournal(spool, log::add);
        int threads = 8;
        int each = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            writers.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    assertTrue(journal.append(("{\"n\":\"" + thread + "-" + i + "\"}").getBytes(StandardCharsets.UTF_8)));
                }
                return null;
            }));
        }
        Future<?> sealer = pool.submit(() -> {
            start.await();
            while (writing.get()) {
                journal.seal();
            }
            return null;
        });
        start.countDown();
        for (Future<?> writer : writers) {
            writer.get();
        }
        writing.set(false);
        sealer.get();
        journal.close();
        pool.shutdown();
        Set<String> seen = new HashSet<>();
        int files = 0;
        try (Stream<Path> listed = Files.list(spool.incoming())) {
            for (Path file : (Iterable<Path>) listed::iterator) {
                files++;
                SpoolName name = SpoolName.parse(file.getFileName().toString());
                assertEquals(SpoolName.HOOKS, name.kind());
                List<HookGroup.Entry> entries = HookGroup.decode(Files.readAllBytes(file));
                assertEquals(name.epochNanos(), entries.get(0).epochNanos(), "named for its first arrival");
                for (int i = 0; i < entries.size(); i++) {
                    assertTrue(seen.add(new String(entries.get(i).body(), StandardCharsets.UTF_8)), "twice");
                    assertTrue(i == 0 || entries.get(i - 1).epochNanos() <= entries.get(i).epochNanos(), "in order");
                }
            }
        }
        assertEquals(threads * each, seen.size());
        assertTrue(files > 1 && files < threads * each, files + " files");
        assertEquals(0, SpoolJournal.withEvents(spool).size());
        try (Stream<Path> left = Files.list(SpoolJournal.dir(spool))) {
            assertEquals(0, left.count(), "close removes the empty open segment");
        }
        assertFalse(journal.hasPending());
        assertEquals(List.of(), log);
    }

    @Test
    void aFullSpoolCountsEachDroppedEvent(@TempDir Path home) throws Exception {
        Spool spool = spool(home);
        spool.markFull(true);
        assertFalse(new SpoolJournal(spool, log::add).append("{}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, spool.dropMarkers().size());
    }

    @Test
    void aFullSegmentIsSealedByItsLastAppend(@TempDir Path home) throws Exception {
        Spool spool = spool(home);
        SpoolJournal journal = new SpoolJournal(spool, log::add);
        for (int i = 0; i < SpoolJournal.MAX_RECORDS + 1; i++) {
            journal.append("{}".getBytes(StandardCharsets.UTF_8));
        }
        List<SpoolName> pending = spool.pending();
        assertEquals(1, pending.size());
        assertEquals(SpoolJournal.MAX_RECORDS, HookGroup.decode(spool.read(pending.get(0))).size());
        assertTrue(journal.hasPending(), "the 1001st waits in the next segment");
    }

    /** A killed agent's segments: whole events into new/, a torn last one left out, empty ones removed. */
    @Test
    void recoverSealsWhatAKilledAgentLeft(@TempDir Path home) throws Exception {
        Spool spool = spool(home);
        SpoolJournal killed = new SpoolJournal(spool, log::add);
        killed.append("{\"n\":1}".getBytes(StandardCharsets.UTF_8));
        killed.append("{\"n\":2}".getBytes(StandardCharsets.UTF_8));
        Path segment = SpoolJournal.withEvents(spool).get(0);
        Files.write(segment, "1796283519864706163 500\n{\"n\":".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND); // killed in the middle of the third write
        Path empty = SpoolJournal.dir(spool).resolve("1796283519864706163-1-1.open");
        Files.write(empty, HookGroup.HEADER.substring(0, 5).getBytes(StandardCharsets.US_ASCII));

        assertEquals(2, SpoolJournal.recover(spool));

        List<SpoolName> pending = spool.pending();
        assertEquals(1, pending.size());
        List<HookGroup.Entry> entries = HookGroup.decode(spool.read(pending.get(0)));
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}"),
                entries.stream().map(e -> new String(e.body(), StandardCharsets.UTF_8)).toList());
        try (Stream<Path> left = Files.list(SpoolJournal.dir(spool))) {
            assertEquals(0, left.count());
        }
    }

    /** Damage that is not a torn tail goes into new/ as it is, where the batch sets it aside, counted. */
    @Test
    void aDamagedSegmentIsNotCutButSetAside(@TempDir Path home) throws Exception {
        Spool spool = spool(home);
        Files.createDirectories(SpoolJournal.dir(spool));
        Files.writeString(SpoolJournal.dir(spool).resolve("1796283519864706163-1-1.open"), "garbage\n");
        assertEquals(0, SpoolJournal.recover(spool));
        assertEquals(1, spool.pending().size());
    }

    /** The barrier: with no agent it seals the leftovers itself; with one, it waits for its seal, or says why. */
    @Test
    void awaitSealedSealsItselfWithoutAnOwnerAndWaitsForOne(@TempDir Path home) throws Exception {
        Spool spool = spool(home);
        Path ownerLock = home.resolve("agent.lock");
        new SpoolJournal(spool, log::add).append("{}".getBytes(StandardCharsets.UTF_8)); // then killed
        assertNull(SpoolJournal.awaitSealed(spool, ownerLock, 1000));
        assertEquals(1, spool.pending().size());

        SpoolJournal journal = new SpoolJournal(spool, log::add); // the running agent's
        journal.append("{}".getBytes(StandardCharsets.UTF_8));
        try (FileChannel channel = FileChannel.open(ownerLock, StandardOpenOption.WRITE)) {
            FileLock held = channel.lock(); // the agent, in this process
            String why = SpoolJournal.awaitSealed(spool, ownerLock, 100);
            assertNotNull(why);
            assertTrue(why.contains("did not move"), why);
            Thread sealer = new Thread(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ignored) {
                    // sealing anyway
                }
                journal.seal();
            });
            sealer.start();
            assertNull(SpoolJournal.awaitSealed(spool, ownerLock, 5000));
            sealer.join();
            held.release();
        }
        assertEquals(2, spool.pending().size());
    }

    private static Spool spool(Path home) throws IOException {
        Spool spool = Spool.in(home);
        spool.create();
        return spool;
    }

    @Test
    void anAppendThatCannotWriteThrowsAndTheNextOneWorks(@TempDir Path home) throws IOException {
        Spool spool = spool(home);
        SpoolJournal journal = new SpoolJournal(spool, log::add);
        Files.writeString(SpoolJournal.dir(spool), "not a folder"); // the segment cannot be created
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> journal.append("{}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(journal.hasPending());
        Files.delete(SpoolJournal.dir(spool));
        assertTrue(journal.append("{}".getBytes(StandardCharsets.UTF_8)));
        journal.seal();
        assertEquals(1, spool.pending().size());
    }
}
