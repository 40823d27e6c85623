package io.hookmeter.exporter.procfs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The direct-mapped statvfs reads the struct's fields at the right offsets: checked against the JDK and stat(1). */
class LibcFsStatsTest {
    private final LibcFsStats stats = new LibcFsStats();

    @Test
    void sizesMatchTheJdksFileStoreAndInodesMatchStat() throws Exception {
        Path root = Path.of("/");
        FsStats.Stat stat = stats.stat(root);
        FileStore store = Files.getFileStore(root);
        assertEquals(store.getTotalSpace(), stat.blocks() * stat.blockSize());
        assertTrue(stat.blocksFree() >= stat.blocksAvailable(), stat.toString());

        Process process = new ProcessBuilder("stat", "-f", "-c", "%c %S", "/").start();
        String[] fields = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim()
                .split(" ");
        assertEquals(0, process.waitFor());
        assertEquals(Long.parseLong(fields[0]), stat.files());
        assertEquals(Long.parseLong(fields[1]), stat.blockSize());
        assertTrue(stat.files() >= stat.filesFree() && stat.filesFree() > 0, stat.toString());
    }

    @Test
    void aMissingMountPointIsAnIoError() {
        assertThrows(IOException.class, () -> stats.stat(Path.of("/no/such/mount/point")));
    }
}
