package io.hookmeter.alertsink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An append-only JSON-lines file, bounded: before a line would take it past {@code maxBytes}, the file is renamed to
 * {@code .1} (older ones shift to {@code .2} ... {@code .maxFiles}, the oldest is deleted). Disk use stays under
 * about {@code maxBytes * (maxFiles + 1)}. Each line is written whole and forced to disk: notifications are rare and
 * a log that loses the last ones in a crash is no log.
 */
final class NotificationLog {
    private final Path file;
    private final long maxBytes;
    private final int maxFiles;

    NotificationLog(Path file, long maxBytes, int maxFiles) {
        this.file = file.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
    }

    Path file() {
        return file;
    }

    /** Appends one line ({@code json} must not contain a newline). */
    synchronized void append(String json) throws IOException {
        byte[] line = (json + "\n").getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(file.getParent());
        long size = Files.exists(file) ? Files.size(file) : 0;
        if (size > 0 && size + line.length > maxBytes) {
            rotate();
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(false);
        }
    }

    private void rotate() throws IOException {
        Files.deleteIfExists(rotated(maxFiles));
        for (int i = maxFiles - 1; i >= 1; i--) {
            if (Files.exists(rotated(i))) {
                Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
    }

    Path rotated(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }
}
