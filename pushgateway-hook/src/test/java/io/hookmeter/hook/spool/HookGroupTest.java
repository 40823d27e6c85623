package io.hookmeter.hook.spool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The group file format, and group commit by many writers at once. */
class HookGroupTest {
    @Test
    void encodeDecodeKeepsBodiesByteForByte() throws IOException {
        byte[] pretty = "{\n  \"a\": \"x\\ny\"\n}\n".getBytes(StandardCharsets.UTF_8);
        byte[] plain = "{\"hook_event_name\":\"Stop\"}".getBytes(StandardCharsets.UTF_8);
        List<HookGroup.Entry> decoded = HookGroup.decode(HookGroup.encode(List.of(
                new HookGroup.Entry(1796283519864706163L, pretty), new HookGroup.Entry(7, plain))));
        assertEquals(2, decoded.size());
        assertEquals(1796283519864706163L, decoded.get(0).epochNanos());
        assertArrayEquals(pretty, decoded.get(0).body());
        assertArrayEquals(plain, decoded.get(1).body());
    }

    @Test
    void anythingElseIsRefusedWithWhatIsWrong() {
        byte[] good = HookGroup.encode(List.of(new HookGroup.Entry(5, "{}".getBytes(StandardCharsets.UTF_8))));
        assertThrows(IOException.class, () -> HookGroup.decode("{}".getBytes(StandardCharsets.UTF_8)));
        for (int cut = HookGroup.HEADER.length() + 1; cut < good.length; cut++) {
            int at = cut;
            IOException e = assertThrows(IOException.class, () -> HookGroup.decode(java.util.Arrays.copyOf(good, at)));
            assertTrue(e.getMessage().startsWith("event 1:"), e.getMessage());
        }
        byte[] letters = (HookGroup.HEADER + "12x 2\n{}\n").getBytes(StandardCharsets.UTF_8);
        assertThrows(IOException.class, () -> HookGroup.decode(letters));
    }

    /** 8 writers × 300 events at once: every event in new/ exactly once, and the writers shared files. */
    @Test
    void concurrentWritersShareFilesAndLoseNothing(@TempDir Path home) throws Exception {
        Spool spool = Spool.in(home);
        spool.create();
        SpoolGroupWriter writer = new SpoolGroupWriter(spool);
        int threads = 8;
        int each = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    assertNotNull(writer.write(("{\"n\":\"" + thread + "-" + i + "\"}").getBytes(StandardCharsets.UTF_8)));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        Set<String> seen = new HashSet<>();
        int files = 0;
        int groups = 0;
        try (Stream<Path> listed = Files.list(spool.incoming())) {
            for (Path file : (Iterable<Path>) listed::iterator) {
                files++;
                SpoolName name = SpoolName.parse(file.getFileName().toString());
                byte[] bytes = Files.readAllBytes(file);
                if (name.kind().equals(SpoolName.HOOKS)) {
                    groups++;
                    List<HookGroup.Entry> entries = HookGroup.decode(bytes);
                    assertTrue(entries.size() <= SpoolGroupWriter.MAX_GROUP);
                    assertEquals(name.epochNanos(), entries.get(0).epochNanos(), "named for its first arrival");
                    for (HookGroup.Entry entry : entries) {
                        assertTrue(seen.add(new String(entry.body(), StandardCharsets.UTF_8)), "twice");
                    }
                } else {
                    assertEquals(SpoolName.HOOK, name.kind());
                    assertTrue(seen.add(new String(bytes, StandardCharsets.UTF_8)), "twice");
                }
            }
        }
        assertEquals(threads * each, seen.size());
        assertTrue(files < threads * each, "some events shared a file (" + files + " files, " + groups + " groups)");
        try (Stream<Path> tmp = Files.list(spool.root().resolve("tmp"))) {
            assertEquals(0, tmp.count());
        }
    }

    @Test
    void aFullSpoolCountsEachDroppedEvent(@TempDir Path home) throws Exception {
        Spool spool = Spool.in(home);
        spool.create();
        spool.markFull(true);
        assertNull(new SpoolGroupWriter(spool).write("{}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, spool.dropMarkers().size());
    }
}
