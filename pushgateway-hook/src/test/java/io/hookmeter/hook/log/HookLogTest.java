package io.hookmeter.hook.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HookLogTest {
    @Test
    void rotatesAtOneMebibyteKeepingOneOldFile(@TempDir Path home) throws Exception {
        HookLog log = new HookLog(home, System.err);
        String line = "x".repeat(1000);
        for (int i = 0; i < 1200; i++) {
            log.accept(line);
        }
        assertTrue(Files.size(home.resolve("hookmeter.log.1")) >= HookLog.MAX_BYTES);
        assertTrue(Files.size(home.resolve("hookmeter.log")) < HookLog.MAX_BYTES);
        log.accept("multi\nline");
        String last = Files.readAllLines(home.resolve("hookmeter.log")).get(
                Files.readAllLines(home.resolve("hookmeter.log")).size() - 1);
        assertTrue(last.endsWith("multi line"), "one line per message: " + last);
    }

    @Test
    void aLineCutShortByAFullDiskDoesNotSwallowTheNextOne(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve(HookLog.FILE), "2026-01-01T00:00:00Z pid 1 hook failed: cannot sa");
        new HookLog(home, System.err).accept("push failed");
        List<String> lines = Files.readAllLines(home.resolve(HookLog.FILE));
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("2026-01-01T00:00:00Z pid 1 hook failed: cannot sa", lines.get(0));
        assertTrue(lines.get(1).matches("\\d{4}-.* pid \\d+ push failed"), lines.get(1));
    }

    @Test
    void fallsBackToStderrWhenTheFileCannotBeWritten(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        new HookLog(notADirectory.resolve("home"), new PrintStream(err, true)).accept("disk trouble");
        assertTrue(err.toString().startsWith("hookmeter: "), err.toString());
        assertEquals(1, err.toString().lines().count());
    }
}
