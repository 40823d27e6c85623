package io.hookmeter.hook.agent;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The agent's files in the Hookmeter home. {@code agent.lock} is held for the agent's whole life: one agent per
 * home, and "is it running" is answered by the lock, which a killed process cannot leave behind. {@code agent.pid}
 * and {@code agent.address} are for the POSIX scripts (read with shell built-ins) and for people.
 */
public final class AgentFiles {
    public static final String LOCK = "agent.lock";
    public static final String PID = "agent.pid";
    public static final String ADDRESS = "agent.address";
    public static final String LOG = "agent.log";

    private final Path home;

    public AgentFiles(Path home) {
        this.home = home;
    }

    public Path home() {
        return home;
    }

    /** The agent's lock, or null when another process holds it. */
    FileLock tryLock() throws IOException {
        Files.createDirectories(home);
        FileChannel channel = FileChannel.open(home.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
            }
            return lock;
        } catch (IOException | OverlappingFileLockException e) {
            channel.close();
            throw e instanceof IOException io ? io : new IOException("agent lock held in this process", e);
        }
    }

    /** True when an agent holds the lock of this home now. */
    public boolean running() {
        if (!Files.exists(home.resolve(LOCK))) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(home.resolve(LOCK), StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                lock.release();
                return false;
            }
            return true;
        } catch (OverlappingFileLockException e) {
            return true; // this very process is the agent
        } catch (IOException e) {
            return false;
        }
    }

    /** The pid the running agent wrote, or -1. */
    public long pid() {
        String text = read(PID);
        try {
            return text == null ? -1 : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code host:port} the running agent listens on, or null. */
    public String address() {
        String text = read(ADDRESS);
        return text == null || text.isBlank() ? null : text.strip();
    }

    void writePid(long pid) throws IOException {
        write(PID, Long.toString(pid));
    }

    void writeAddress(String address) throws IOException {
        write(ADDRESS, address);
    }

    void remove() {
        for (String name : new String[] {PID, ADDRESS}) {
            try {
                Files.deleteIfExists(home.resolve(name));
            } catch (IOException ignored) {
                // Stale files are harmless: the lock says whether an agent runs.
            }
        }
    }

    private String read(String name) {
        try {
            return Files.readString(home.resolve(name), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Whole or not at all, so a script never reads half a line. */
    private void write(String name, String value) throws IOException {
        Path temp = home.resolve(name + ".tmp");
        Files.writeString(temp, value + "\n", StandardCharsets.UTF_8);
        Files.move(temp, home.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
