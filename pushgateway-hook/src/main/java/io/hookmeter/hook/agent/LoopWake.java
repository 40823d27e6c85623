package io.hookmeter.hook.agent;

import io.hookmeter.hook.spool.Spool;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.function.Consumer;

/**
 * How the agent's loop sleeps and is woken: by a directory watch on the spool, by the HTTP server handing in an
 * event, or by a stop. A burst of wake-ups within the linger after a batch costs one loop, not one each.
 */
final class LoopWake {
    /** The slow poll behind the directory watch (a watch can miss events; some platforms only poll). */
    static final long POLL_MILLIS = 1000;

    private final Object lock = new Object();
    private boolean woken;
    private volatile boolean stopping;

    /** Wakes the loop: an event was spooled, or a stop was asked for. */
    void wakeUp() {
        synchronized (lock) {
            // Only the first wake-up since the loop last woke notifies: under a stream of requests each notify would
            // make the lingering loop run and sleep again, a thread switch per request on the request's cores.
            if (!woken) {
                woken = true;
                lock.notifyAll();
            }
        }
    }

    void stop() {
        stopping = true;
        synchronized (lock) {
            woken = true;
            lock.notifyAll();
        }
    }

    boolean stopping() {
        return stopping;
    }

    /**
     * Sleeps {@code millis} or until woken; a wake-up before {@code lingerEnd} waits for the linger to end (events
     * keep arriving meanwhile).
     */
    void await(long millis, long lingerEnd) {
        synchronized (lock) {
            long end = System.currentTimeMillis() + millis;
            while (!stopping) {
                long now = System.currentTimeMillis();
                if (woken && now >= lingerEnd) {
                    break;
                }
                long left = (woken ? Math.min(end, lingerEnd) : end) - now;
                if (left <= 0) {
                    break;
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            woken = false;
        }
    }

    /**
     * A directory watch on new/ and dropped/ that wakes the loop (renames into new/ arrive as creations); null when
     * the platform has none, and the loop polls.
     */
    WatchService watch(Spool spool, Consumer<String> log) {
        try {
            WatchService service = spool.incoming().getFileSystem().newWatchService();
            spool.incoming().register(service, StandardWatchEventKinds.ENTRY_CREATE);
            spool.dropped().register(service, StandardWatchEventKinds.ENTRY_CREATE);
            Thread watcher = new Thread(() -> {
                try {
                    while (!stopping) {
                        WatchKey key = service.take();
                        key.pollEvents();
                        key.reset();
                        wakeUp();
                    }
                } catch (InterruptedException | ClosedWatchServiceException e) {
                    // stopping
                }
            }, "agent-watch");
            watcher.setDaemon(true);
            watcher.start();
            return service;
        } catch (IOException | RuntimeException e) {
            log.accept("agent: no directory watch (" + e.getMessage() + "), polling every " + POLL_MILLIS + " ms");
            return null;
        }
    }

    static void close(WatchService watch) {
        if (watch != null) {
            try {
                watch.close();
            } catch (IOException | ClosedWatchServiceException ignored) {
                // closing anyway
            }
        }
    }
}
