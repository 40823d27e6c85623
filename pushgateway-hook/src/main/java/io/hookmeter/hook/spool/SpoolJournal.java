package io.hookmeter.hook.spool;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * How the agent's {@code POST /hook} hands events over: appended to an open segment, {@code spool/http/<name>}, one
 * {@code write} each, in the {@link HookGroup} format; the agent's loop seals the segment before each batch (an
 * atomic rename into new/, as a {@value SpoolName#HOOKS} file named for its first event's arrival) and a request
 * that fills one ({@value #MAX_RECORDS} events or {@value #MAX_BYTES} bytes) seals it itself. Creating and renaming
 * a file per event cost a request about 0.5 ms of kernel time and stalled behind each batch's journal commit; an
 * append costs a few microseconds. The next segment is created by the sealer, off the request's path.
 * <p>
 * Durable like every spool file: once {@link #append} returned, the event survives the crash of any process (the
 * bytes are in the kernel); only the segment's owner, the process holding {@code agent.lock}, writes or seals it. A
 * segment left behind by a killed agent is sealed by the next owner ({@link #recover}): by the next agent before it
 * serves, or by {@code hookmeter push} when no agent runs. Its torn last event, if the kill came in the middle of a
 * write, was never acknowledged and is left out.
 */
public final class SpoolJournal {
    public static final String DIR = "http";
    static final int MAX_RECORDS = 1000;
    static final long MAX_BYTES = 8L << 20;
    private static final byte[] HEADER = HookGroup.HEADER.getBytes(StandardCharsets.US_ASCII);

    private final Spool spool;
    private final Consumer<String> log;
    private final Object lock = new Object();
    /** The open segment, null before the first event or after a failure; guarded by {@link #lock}. */
    private Segment current;
    private volatile int pending;

    public SpoolJournal(Spool spool, Consumer<String> log) {
        this.spool = spool;
        this.log = log;
    }

    /** Where the segments are. */
    public static Path dir(Spool spool) {
        return spool.root().resolve(DIR);
    }

    /** An open segment: its file, its stream, and what is in it. */
    private static final class Segment {
        final Path file;
        final FileOutputStream out;
        long size;
        int records;
        long firstNanos;

        private Segment(Path file, FileOutputStream out) {
            this.file = file;
            this.out = out;
            this.size = HEADER.length;
        }

        static Segment create(Path dir) throws IOException {
            Path file = dir.resolve(SpoolName.next("open").file());
            FileOutputStream out;
            try {
                out = new FileOutputStream(file.toFile(), true);
            } catch (IOException e) {
                Files.createDirectories(dir);
                out = new FileOutputStream(file.toFile(), true);
            }
            try {
                out.write(HEADER);
            } catch (IOException e) {
                out.close();
                Files.deleteIfExists(file);
                throw e;
            }
            return new Segment(file, out);
        }
    }

    /**
     * Hands one event over; false when the spool is full (the drop is counted). Throws when it could not be written
     * (nothing was handed over).
     */
    public boolean append(byte[] body) throws IOException {
        if (spool.full()) {
            spool.countDrop("spool_full");
            return false;
        }
        Segment full = null;
        synchronized (lock) {
            if (current == null) {
                current = Segment.create(dir(spool));
            }
            Instant now = Instant.now(); // under the lock: times rise with the order in the file
            long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            byte[] record = HookGroup.record(nanos, body);
            Segment segment = current;
            try {
                segment.out.write(record); // one write(2): O_APPEND, the whole record
            } catch (IOException e) {
                // A part may be in the file (a full disk): this segment takes no more; sealing leaves the torn
                // part out.
                current = null;
                sealQuietly(segment, true);
                throw e;
            }
            if (segment.records == 0) {
                segment.firstNanos = nanos;
            }
            segment.records++;
            segment.size += record.length;
            pending++;
            if (segment.records >= MAX_RECORDS || segment.size >= MAX_BYTES) {
                current = null;
                full = segment;
            }
        }
        if (full != null) {
            sealQuietly(full, false);
        }
        return true;
    }

    /** Whether appended events wait in the open segment. */
    public boolean hasPending() {
        return pending > 0;
    }

    /**
     * Moves what was appended so far into new/ (nothing to do when nothing was), and opens the next segment first,
     * so that appends never wait for a file to be created. Never throws: what cannot be sealed now stays in
     * spool/http/ for the next start, and is logged.
     */
    public void seal() {
        if (pending == 0) {
            return;
        }
        Segment next;
        try {
            next = Segment.create(dir(spool));
        } catch (IOException e) {
            next = null; // the next append tries again, and counts its event as dropped if it cannot
            log.accept("spool: cannot open a new segment in " + dir(spool) + ": " + e.getMessage());
        }
        Segment done;
        synchronized (lock) {
            done = current;
            current = next;
        }
        if (done != null) {
            sealQuietly(done, false);
        }
    }

    /** Seals what was appended and removes the open segment (the agent is stopping; no more appends). */
    public void close() throws IOException {
        Segment last;
        synchronized (lock) {
            last = current;
            current = null;
        }
        if (last == null) {
            return;
        }
        if (last.records > 0) {
            seal(last, false);
        } else {
            last.out.close();
            Files.deleteIfExists(last.file);
        }
    }

    private void sealQuietly(Segment segment, boolean torn) {
        try {
            seal(segment, torn);
        } catch (IOException e) {
            // Left in spool/http/: the next agent's start seals it (recover), nothing acknowledged is lost.
            log.accept("spool: cannot seal " + segment.file + " (" + e.getMessage() + "); the next start will");
        }
    }

    private void seal(Segment segment, boolean torn) throws IOException {
        try {
            segment.out.close();
        } finally {
            synchronized (lock) {
                pending -= segment.records;
            }
        }
        if (torn) {
            recoverFile(spool, segment.file);
        } else if (segment.records == 0) {
            Files.deleteIfExists(segment.file);
        } else {
            moveIn(spool, segment.file, segment.firstNanos);
        }
    }

    /**
     * Seals every segment left in spool/http/ by a process that is gone. Only the owner of the journal may call this
     * (the agent holding {@code agent.lock}, or a process that took that lock because no agent runs). Returns how
     * many events it moved into new/.
     */
    public static int recover(Spool spool) throws IOException {
        int events = 0;
        List<Path> left = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir(spool))) {
            files.forEach(left::add);
        } catch (NoSuchFileException e) {
            return 0;
        }
        for (Path file : left) {
            events += recoverFile(spool, file);
        }
        return events;
    }

    /**
     * The barrier of {@code hookmeter push}: returns once every event appended before the call is in new/, or null;
     * otherwise why not. A running agent (it holds {@code ownerLock}) seals with its next batch; with none running,
     * this process takes the lock and seals what a stopped agent left.
     */
    public static String awaitSealed(Spool spool, Path ownerLock, long timeoutMillis) throws IOException {
        List<Path> waiting = withEvents(spool);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!waiting.isEmpty()) {
            if (recoverIfUnowned(spool, ownerLock)) {
                return null;
            }
            waiting.removeIf(file -> !Files.exists(file));
            if (waiting.isEmpty()) {
                return null;
            }
            if (System.currentTimeMillis() > deadline) {
                return "the running agent did not move the events it took over HTTP into the spool within "
                        + timeoutMillis / 1000 + " s (still in " + dir(spool) + ")";
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return null;
    }

    /** Seals the leftovers under {@code ownerLock} when no one holds it; false when someone (an agent) does. */
    private static boolean recoverIfUnowned(Spool spool, Path ownerLock) throws IOException {
        try (FileChannel channel = FileChannel.open(ownerLock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                return false;
            }
            try {
                recover(spool);
                return true;
            } finally {
                held.release();
            }
        } catch (OverlappingFileLockException e) {
            return false; // this very process runs the agent
        }
    }

    /** Segments that hold events now (appended, not sealed): what a barrier waits for. */
    public static List<Path> withEvents(Spool spool) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir(spool))) {
            for (Path file : files) {
                try {
                    if (Files.size(file) > HEADER.length) {
                        found.add(file);
                    }
                } catch (NoSuchFileException e) {
                    // sealed meanwhile
                }
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    /** One left-behind segment: its whole events into new/ (a torn last one left out); empty ones removed. */
    private static int recoverFile(Spool spool, Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
        int whole = HookGroup.wholeLength(bytes);
        if (whole >= 0 && whole <= HEADER.length) {
            Files.deleteIfExists(file); // no event began: created, or killed before its first write ended
            return 0;
        }
        if (whole < 0) {
            // Not a segment at all: into new/ as it is, where the batch sets it aside as bad, counted.
            moveIn(spool, file, Files.getLastModifiedTime(file).toMillis() * 1_000_000L);
            return 0;
        }
        List<HookGroup.Entry> entries = HookGroup.decode(Arrays.copyOf(bytes, whole));
        if (whole < bytes.length) {
            // The torn tail is cut by writing the whole part anew (through tmp/, like any spool file).
            spool.writeAt(SpoolName.HOOKS, Arrays.copyOf(bytes, whole),
                    Instant.ofEpochSecond(0, entries.get(0).epochNanos()));
            Files.deleteIfExists(file);
        } else {
            moveIn(spool, file, entries.get(0).epochNanos());
        }
        return entries.size();
    }

    private static void moveIn(Spool spool, Path file, long firstNanos) throws IOException {
        if (!Files.isDirectory(spool.incoming())) {
            spool.create(); // a home whose spool folders were removed, or never made by a hook
        }
        spool.moveIn(file, SpoolName.next(SpoolName.HOOKS, Instant.ofEpochSecond(0, firstNanos)));
    }
}
