package io.hookmeter.hook.tokens;

/**
 * How far a transcript has been read: the byte offset just after the last complete line, and enough of the file's
 * identity to notice that it was truncated or replaced (its file key where the OS has one, and a checksum of its
 * first {@code headLength} bytes).
 */
public record TranscriptCursor(long offset, String fileKey, int headLength, long headChecksum) {
    public static final TranscriptCursor START = new TranscriptCursor(0, null, 0, 0);
}
