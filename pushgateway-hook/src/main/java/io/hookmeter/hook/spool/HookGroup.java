package io.hookmeter.hook.spool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of a {@value SpoolName#HOOKS} spool file: hook events that reached the agent's {@code POST /hook}
 * together, appended to one segment file (see {@link SpoolJournal}). A header line, then per event its arrival
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
            out.writeBytes(record(entry.epochNanos(), entry.body()));
        }
        return out.toByteArray();
    }

    /** One event as it follows the header: its line, its bytes, a newline. */
    static byte[] record(long epochNanos, byte[] body) {
        byte[] line = (epochNanos + " " + body.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] record = java.util.Arrays.copyOf(line, line.length + body.length + 1);
        System.arraycopy(body, 0, record, line.length, body.length);
        record[record.length - 1] = '\n';
        return record;
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

    /**
     * The length of the part of {@code bytes} that holds whole events: all of it for a whole group, less when the
     * last event was cut off in the middle of its write (a torn tail: a prefix of an event, its line or its bytes
     * incomplete). -1 when it is not a group, or is damaged anywhere else.
     */
    static int wholeLength(byte[] bytes) {
        byte[] header = HEADER.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length < header.length) {
            return new String(bytes, StandardCharsets.US_ASCII).equals(HEADER.substring(0, bytes.length)) ? 0 : -1;
        }
        if (!new String(bytes, 0, header.length, StandardCharsets.US_ASCII).equals(HEADER)) {
            return -1;
        }
        int at = header.length;
        while (at < bytes.length) {
            int space = indexOf(bytes, (byte) ' ', at);
            int newline = space < 0 ? -1 : indexOf(bytes, (byte) '\n', space);
            if (newline < 0) {
                return digitsOrSpace(bytes, at) ? at : -1;
            }
            long length;
            try {
                number(bytes, at, space, 0);
                length = number(bytes, space + 1, newline, 0);
            } catch (IOException e) {
                return -1;
            }
            int start = newline + 1;
            if (length > bytes.length - start - 1) {
                return at; // its bytes end early: the tail
            }
            if (bytes[start + (int) length] != '\n') {
                return -1;
            }
            at = start + (int) length + 1;
        }
        return at;
    }

    private static boolean digitsOrSpace(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if ((bytes[i] < '0' || bytes[i] > '9') && bytes[i] != ' ') {
                return false;
            }
        }
        return true;
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
