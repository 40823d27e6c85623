package io.hookmeter.exporter.procfs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A procfs collector's failure says which file it was reading, and what went wrong, in one line. */
class HostPathsTest {
    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("meminfo");
        IOException e = assertThrows(IOException.class, () -> HostPaths.eachLine(missing, line -> { }));
        assertEquals("reading " + missing + ": no such file", e.getMessage());
    }

    @Test
    void aParseFailureIsNamedWithTheFileAndTheCause(@TempDir Path dir) throws IOException {
        Path loadavg = Files.writeString(dir.resolve("loadavg"), "x 0.2 0.3 1/100 42\n");
        IOException e = assertThrows(IOException.class,
                () -> HostPaths.parse(loadavg, text -> Double.parseDouble(HostPaths.fields(text)[0])));
        assertEquals("reading " + loadavg + ": java.lang.NumberFormatException: For input string: \"x\"",
                e.getMessage());
    }
}
