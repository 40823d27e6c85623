package io.hookmeter.alertsink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotificationLogTest {

    @Test
    void appendsWholeLines(@TempDir Path dir) throws Exception {
        NotificationLog log = new NotificationLog(dir.resolve("sub/alerts.jsonl"), 1024, 2);
        log.append("{\"n\":1}");
        log.append("{\"n\":2}");
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}"), Files.readAllLines(log.file()));
    }

    @Test
    void rotatesBeforeTheLimitAndKeepsOnlyMaxFiles(@TempDir Path dir) throws Exception {
        NotificationLog log = new NotificationLog(dir.resolve("alerts.jsonl"), 1024, 2);
        String line = "{\"pad\":\"" + "x".repeat(90) + "\"}"; // 101 bytes with the newline
        for (int i = 0; i < 100; i++) {
            log.append(line.replace("xxxx", String.format("%04d", i)));
        }
        // 10 lines fit in 1024 bytes: the current file holds the last 10, .1 and .2 the 20 before; older are gone.
        assertTrue(Files.size(log.file()) <= 1024);
        assertEquals(10, Files.readAllLines(log.file()).size());
        assertTrue(Files.readAllLines(log.file()).get(9).contains("0099"));
        assertTrue(Files.readAllLines(log.rotated(1)).get(0).contains("0080"));
        assertTrue(Files.readAllLines(log.rotated(2)).get(0).contains("0070"));
        assertFalse(Files.exists(log.rotated(3)));
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count());
        }
    }
}
