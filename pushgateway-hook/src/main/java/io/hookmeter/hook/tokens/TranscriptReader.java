package io.hookmeter.hook.tokens;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Reads a transcript from where the last read stopped. Only complete lines are consumed: a half-written last line
 * stays unread until its newline arrives. A file that shrank below the offset, has another file key, or whose first
 * bytes changed was truncated or replaced, and is read again from the start (deduplication keeps the counts exact).
 */
public final class TranscriptReader {
    /** How many leading bytes identify a transcript: its first line (session metadata) lives there. */
    static final int HEAD_BYTES = 1024;
    private static final int CHUNK = 64 * 1024;

    private final TranscriptLines lines = new TranscriptLines();

    /** The outcome of one read: where to continue next time, and what it cost. */
    public record Result(TranscriptCursor cursor, long bytesRead, boolean restarted) {
    }

    public Result read(Path file, TranscriptCursor previous, Consumer<AssistantUsage> sink) throws IOException {
        return read(file, previous, sink, Long.MAX_VALUE);
    }

    /**
     * Reads at most about {@code maxBytes} of new lines (whole lines, at least one chunk): a huge transcript is caught
     * up over several hook runs, each within its deadline, instead of never finishing one.
     */
    public Result read(Path file, TranscriptCursor previous, Consumer<AssistantUsage> sink, long maxBytes)
            throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return new Result(previous, 0, false); // not written yet, or gone: nothing new to count
        }
        if (!attributes.isRegularFile()) {
            throw new IOException(file + " is not a regular file");
        }
        String fileKey = attributes.fileKey() == null ? null : attributes.fileKey().toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size(); // read up to this snapshot; later appends wait for the next read
            long[] bytesRead = {0};
            boolean restart = !sameFile(channel, size, fileKey, previous, bytesRead);
            long start = restart ? 0 : previous.offset();
            long end = readLines(channel, start, size, sink, bytesRead, maxBytes);
            int headLength = (int) Math.min(end, HEAD_BYTES);
            long checksum = !restart && headLength == previous.headLength()
                    ? previous.headChecksum() : checksum(channel, headLength, bytesRead);
            return new Result(new TranscriptCursor(end, fileKey, headLength, checksum), bytesRead[0], restart);
        }
    }

    private static boolean sameFile(FileChannel channel, long size, String fileKey, TranscriptCursor previous,
                                    long[] bytesRead) throws IOException {
        if (size < previous.offset()) {
            return false; // truncated, or replaced by a shorter file
        }
        if (previous.fileKey() != null && fileKey != null && !Objects.equals(previous.fileKey(), fileKey)) {
            return false; // another inode: replaced (rename over it)
        }
        return previous.headLength() == 0 || checksum(channel, previous.headLength(), bytesRead) == previous.headChecksum();
    }

    /** Feeds every complete line in [start, size) to the sink; returns the offset after the last newline. */
    private long readLines(FileChannel channel, long start, long size, Consumer<AssistantUsage> sink,
                           long[] bytesRead, long maxBytes) throws IOException {
        byte[] buffer = new byte[(int) Math.min(CHUNK, Math.max(1, size - start))];
        int filled = 0;
        long position = start;      // file position of buffer[filled]
        long consumed = start;      // file offset just after the last complete line
        while (position < size && (consumed - start < maxBytes || consumed == start)) {
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2); // one line longer than the buffer
            }
            int want = (int) Math.min(buffer.length - filled, size - position);
            int n = channel.read(ByteBuffer.wrap(buffer, filled, want), position);
            if (n <= 0) {
                break; // shrank while we read: stop at what is complete
            }
            bytesRead[0] += n;
            int scanFrom = filled;
            filled += n;
            position += n;
            int lineStart = 0;
            for (int i = scanFrom; i < filled; i++) {
                if (buffer[i] == '\n') {
                    if (i > lineStart) {
                        AssistantUsage entry = lines.parse(buffer, lineStart, i - lineStart);
                        if (entry != null) {
                            sink.accept(entry);
                        }
                    }
                    lineStart = i + 1;
                }
            }
            consumed += lineStart;
            System.arraycopy(buffer, lineStart, buffer, 0, filled - lineStart);
            filled -= lineStart;
        }
        return consumed;
    }

    private static long checksum(FileChannel channel, int length, long[] bytesRead) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(length);
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // keep reading: a FileChannel may return fewer bytes than asked
        }
        bytesRead[0] += head.position();
        CRC32C crc = new CRC32C();
        crc.update(head.flip());
        return crc.getValue();
    }
}
