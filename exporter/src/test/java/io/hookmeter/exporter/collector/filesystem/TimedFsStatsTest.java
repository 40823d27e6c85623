package io.hookmeter.exporter.collector.filesystem;

import io.hookmeter.exporter.ProcfsGoldenTest;
import io.hookmeter.exporter.collect.Exposition;
import io.hookmeter.exporter.procfs.FsStats;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stale network mount: its statfs never returns. Only that mount is reported broken, and it is not retried. */
class TimedFsStatsTest {
    @Test
    void aHangingMountIsAnErrorForItselfOnly() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger staleCalls = new AtomicInteger();
        FsStats hangsOnNfs = mountPoint -> {
            if (mountPoint.endsWith(Path.of("home/stale"))) {
                staleCalls.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return ProcfsGoldenTest.FS_STATS.stat(mountPoint);
        };
        Pattern none = Pattern.compile("a^");
        ProcfsFilesystemCollector collector = new ProcfsFilesystemCollector(ProcfsGoldenTest.PATHS,
                new TimedFsStats(hangsOnNfs, Duration.ofMillis(200)), none, none);
        try {
            for (int scrape = 0; scrape < 2; scrape++) {
                String text = Exposition.of(collector);
                assertTrue(text.contains("node_filesystem_device_error{device=\"nfs.example:/export\",fstype=\"nfs\","
                        + "mountpoint=\"/home/stale\"} 1.0"), text);
                assertTrue(text.contains("node_filesystem_size_bytes{device=\"/dev/sda1\",fstype=\"ext4\","
                        + "mountpoint=\"/\"} 2.70553174016E11"), text);
            }
            assertEquals(1, staleCalls.get(), "a statfs still hanging is not started again");
        } finally {
            release.countDown();
        }
    }
}
