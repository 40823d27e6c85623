package io.hookmeter.hook.spool;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Names that sort in arrival order, made without String.format (too slow for a request) but exactly as it would. */
class SpoolNameTest {
    @Test
    void namesAreWhatStringFormatWouldMake() {
        long pid = ProcessHandle.current().pid();
        for (Instant time : new Instant[] {Instant.ofEpochSecond(0, 5), Instant.ofEpochSecond(1_700_000_000L, 1),
                Instant.ofEpochSecond(9_223_372_035L, 999_999_999)}) {
            SpoolName name = SpoolName.next(SpoolName.HOOKS, time);
            long nanos = time.getEpochSecond() * 1_000_000_000L + time.getNano();
            String sequence = name.file().split("-")[2].split("\\.")[0];
            assertEquals(String.format("%019d-%d-%s.%s", nanos, pid, sequence, SpoolName.HOOKS), name.file());
            assertEquals(name, SpoolName.parse(name.file()));
        }
    }

    @Test
    void laterNamesSortAfter() {
        SpoolName first = SpoolName.next(SpoolName.HOOK, Instant.ofEpochSecond(99, 0));
        SpoolName second = SpoolName.next(SpoolName.HOOK, Instant.ofEpochSecond(100, 0));
        assertTrue(first.file().compareTo(second.file()) < 0);
        assertTrue(first.compareTo(second) < 0);
    }
}
