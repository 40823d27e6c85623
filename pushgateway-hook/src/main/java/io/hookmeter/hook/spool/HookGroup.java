package io.hookmeter.hook.spool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of a {@value SpoolName#HOOKS} spool file: hook events that reached the agent's {@code POST /hook}
 * together and were written as one file (see {@link SpoolGroupWriter}). A header line, then per event its arrival
 * time and length on a line, its bytes and a newline:
 * <pre>
 * hookmeter-hooks 1
 * 1796283519864706163 131
 * {"session_id":...}
 * </pre>
 * Lengths, not line breaks, frame the events: a body may be pretty-printed JSON.
 */
public final class HookGroup {
    static final String HEADER = "hookmeter-hooks 1\n";

    /** One event of a group: when it arrived (epoch nanoseconds) and its body. */
    public record Entry(long epochNanos, byte[] body) {
        public long epochMillis() {
            return epochNanos / 1_000_000;
        }
    }

    private HookGroup() {
    }

    public static byte[] encode(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(entries.size() * 512);
        out.writeBytes(HEADER.getBytes(StandardCharsets.US_ASCII));
        for (Entry entry : entries) {
            out.writeBytes((entry.epochNanos() + " " + entry.body().length + "\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(entry.body());
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** The events of a group file; an IOException says what is wrong with a file that is not one. */
    public static List<Entry> decode(byte[] bytes) throws IOException {
        byte[] header = HEADER.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length < header.length || !new String(bytes, 0, header.length, StandardCharsets.US_ASCII)
                .equals(HEADER)) {
            throw new IOException("not a hook group (no '" + HEADER.trim() + "' header)");
        }
        List<Entry> entries = new ArrayList<>();
        int at = header.length;
        while (at < bytes.length) {
            int space = indexOf(bytes, (byte) ' ', at);
            int newline = space < 0 ? -1 : indexOf(bytes, (byte) '\n', space);
            if (newline < 0) {
                throw new IOException("event " + (entries.size() + 1) + ": no 'time length' line");
            }
            long nanos = number(bytes, at, space, entries.size());
            long length = number(bytes, space + 1, newline, entries.size());
            int start = newline + 1;
            if (length > bytes.length - start - 1 || bytes[start + (int) length] != '\n') {
                throw new IOException("event " + (entries.size() + 1) + ": shorter than its length " + length);
            }
            byte[] body = new byte[(int) length];
            System.arraycopy(bytes, start, body, 0, body.length);
            entries.add(new Entry(nanos, body));
            at = start + body.length + 1;
        }
        return entries;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static long number(byte[] bytes, int from, int to, int index) throws IOException {
        if (to <= from || to - from > 19) {
            throw new IOException("event " + (index + 1) + ": bad number in its 'time length' line");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                throw new IOException("event " + (index + 1) + ": bad number in its 'time length' line");
            }
            value = value * 10 + (bytes[i] - '0');
        }
        return value;
    }
}
