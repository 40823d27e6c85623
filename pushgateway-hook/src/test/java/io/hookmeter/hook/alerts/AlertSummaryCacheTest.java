package io.hookmeter.hook.alerts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AlertSummaryCacheTest {
    @TempDir
    Path home;

    @Test
    void freshForTenSecondsThenAMiss() {
        AlertSummaryCache cache = new AlertSummaryCache(home);
        AlertSummary summary = AlertSummary.of(List.of(new FiringAlert("A", "warning", null, null, Map.of())), 1_000);
        cache.write(summary);
        assertEquals(summary, cache.fresh(1_000));
        assertEquals(summary, cache.fresh(1_000 + AlertSummaryCache.TTL_MILLIS - 1));
        assertNull(cache.fresh(1_000 + AlertSummaryCache.TTL_MILLIS));
        assertNull(cache.fresh(999), "from the future: the clock moved back");
    }

    @Test
    void failuresAreCachedTooAndDamageIsAMiss() throws IOException {
        AlertSummaryCache cache = new AlertSummaryCache(home);
        cache.write(AlertSummary.unreachable("connection refused", 50));
        assertEquals(AlertSummary.unreachable("connection refused", 50), cache.fresh(60));
        Files.writeString(home.resolve(AlertSummaryCache.FILE), "{\"fetched_ms\":");
        assertNull(cache.fresh(60));
    }

    @Test
    void unwritableHomeIsJustAMiss() throws IOException {
        Path file = home.resolve("not-a-dir");
        Files.writeString(file, "x");
        AlertSummaryCache cache = new AlertSummaryCache(file);
        cache.write(AlertSummary.unreachable("x", 1));
        assertNull(cache.fresh(1));
    }
}
