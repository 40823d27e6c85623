package io.hookmeter.hook.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The state file {@code state.json} in the Hookmeter home, guarded by an exclusive lock on {@code state.lock}.
 * Every change goes: lock, read, change, write {@code state.json.tmp}, fsync, rename over {@code state.json}, fsync
 * the directory, unlock. A reader without the lock always sees a whole file (the rename is atomic).
 */
public final class StateStore {
    public static final String STATE_FILE = "state.json";
    static final String LOCK_FILE = "state.lock";
    static final String TEMP_FILE = "state.json.tmp";
    static final String CORRUPT_PREFIX = "state.json.corrupt-";
    /** Corrupt files kept for inspection; older ones are deleted so repeated damage cannot fill the disk. */
    static final int CORRUPT_KEPT = 5;

    /** File locks belong to the whole JVM; this keeps threads of one process (tests, watchdog) in line. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final Path home;
    private final Consumer<String> log;

    /** @param log where problems are reported (the hook's log file) */
    public StateStore(Path home, Consumer<String> log) {
        this.home = home;
        this.log = log;
    }

    public Path home() {
        return home;
    }

    public Path stateFile() {
        return home.resolve(STATE_FILE);
    }

    /**
     * Takes the lock and reads the state (starting fresh, and counting it, when the file is damaged). Close the
     * returned object to release the lock; call {@link Locked#commit()} to save changes before that.
     */
    public Locked lock() throws IOException {
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw because("cannot create the Hookmeter home " + home, e, "nothing saved");
        }
        IN_PROCESS.lock();
        FileChannel channel = null;
        try {
            Path lockFile = home.resolve(LOCK_FILE);
            try {
                channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw because("cannot open the state lock " + lockFile, e, "nothing saved");
            }
            FileLock fileLock = channel.lock();
            return new Locked(channel, fileLock, load());
        } catch (IOException | RuntimeException | Error e) {
            if (channel != null) {
                channel.close();
            }
            IN_PROCESS.unlock();
            throw e;
        }
    }

    /**
     * The hook's only report of a read-only or full disk is this message (on stderr when the log cannot be written
     * either), so it says what was not done and why in words, not just an exception class and a path.
     */
    private static IOException because(String what, IOException e, String outcome) {
        String why;
        if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof FileSystemException fs) {
            why = fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName() + " " + fs.getFile();
        } else {
            why = e.getMessage();
        }
        return new IOException(what + ": " + why + "; " + outcome, e);
    }

    /** Reads the state without the lock (for reports); a damaged file gives an exception, it is not moved. */
    public MetricsState readOnly() throws IOException, CorruptStateException {
        try {
            return StateCodec.read(Files.readAllBytes(stateFile()));
        } catch (NoSuchFileException e) {
            return fresh();
        }
    }

    /** A new, empty state with the self-monitoring counters at 0. */
    public static MetricsState fresh() {
        MetricsState state = new MetricsState();
        SelfMetrics.touch(state);
        return state;
    }

    private MetricsState load() {
        Path file = stateFile();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return fresh();
        } catch (IOException e) {
            return recover(file, "cannot read " + file + ": " + e);
        }
        try {
            MetricsState state = StateCodec.read(bytes);
            SelfMetrics.touch(state);
            return state;
        } catch (CorruptStateException e) {
            return recover(file, e.getMessage());
        }
    }

    private MetricsState recover(Path file, String problem) {
        Path aside = home.resolve(CORRUPT_PREFIX + System.currentTimeMillis());
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            log.accept("state file damaged (" + problem + "); moved aside to " + aside + ", starting fresh");
            pruneCorruptFiles();
        } catch (IOException e) {
            log.accept("state file damaged (" + problem + ") and cannot be moved aside (" + e
                    + "); starting fresh, the next save replaces it");
        }
        MetricsState state = fresh();
        SelfMetrics.recoveries(state).inc();
        return state;
    }

    private void pruneCorruptFiles() throws IOException {
        List<Path> corrupt = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(home, CORRUPT_PREFIX + "*")) {
            files.forEach(corrupt::add);
        }
        corrupt.sort(null);
        for (int i = 0; i < corrupt.size() - CORRUPT_KEPT; i++) {
            Files.deleteIfExists(corrupt.get(i));
        }
    }

    private void write(MetricsState state) throws IOException {
        byte[] bytes = StateCodec.write(state);
        Path temp = home.resolve(TEMP_FILE);
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        } catch (IOException e) {
            // A half-written temp file would keep holding the space of a full disk; state.json is untouched.
            try {
                Files.deleteIfExists(temp);
            } catch (IOException | RuntimeException ignored) {
                // A read-only home: nothing was written there either.
            }
            throw because("cannot save the state to " + temp, e, stateFile() + " keeps its last saved totals");
        }
        try {
            Files.move(temp, stateFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, stateFile(), StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory();
    }

    /** Makes the rename itself durable; not possible on every OS (Windows), where it is skipped. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(home, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | RuntimeException ignored) {
            // Best effort: the data itself was already forced before the rename.
        }
    }

    /** The locked state: change {@link #state()}, {@link #commit()} it, close to unlock. */
    public final class Locked implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock fileLock;
        private final MetricsState state;
        private boolean closed;

        private Locked(FileChannel channel, FileLock fileLock, MetricsState state) {
            this.channel = channel;
            this.fileLock = fileLock;
            this.state = state;
        }

        public MetricsState state() {
            return state;
        }

        /** Writes the state durably (temp file, fsync, rename); may be called more than once. */
        public void commit() throws IOException {
            if (closed) {
                throw new IllegalStateException("state lock already released");
            }
            write(state);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                fileLock.release();
                channel.close();
            } catch (IOException e) {
                log.accept("cannot release the state lock: " + e);
            } finally {
                IN_PROCESS.unlock();
            }
        }
    }
}
