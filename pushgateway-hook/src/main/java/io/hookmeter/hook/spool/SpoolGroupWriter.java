package io.hookmeter.hook.spool;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands events over for many concurrent writers (the agent's {@code POST /hook} threads) with group commit: a
 * writer that finds the spool idle writes its event alone, as a plain {@value SpoolName#HOOK} file; writers that
 * arrive while a file is being written wait, and the next of them writes all that waited as one
 * {@value SpoolName#HOOKS} file ({@link HookGroup}). Creating and renaming a file costs far more than the bytes in
 * it, and on a busy spool several threads creating files in one folder contend for it; so under load the cost per
 * event falls instead of the queue growing. Every writer returns only once its own event is in new/.
 */
public final class SpoolGroupWriter {
    /** At most this many events in one file: a group is applied, or set aside as bad, as a whole. */
    public static final int MAX_GROUP = 32;

    private final Spool spool;
    private final Object lock = new Object();
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private boolean writing;

    public SpoolGroupWriter(Spool spool) {
        this.spool = spool;
    }

    private static final class Waiting {
        final HookGroup.Entry entry;
        boolean done;
        SpoolName name;
        IOException failure;

        Waiting(HookGroup.Entry entry) {
            this.entry = entry;
        }
    }

    /**
     * Hands one hook event over; returns the name of the file that holds it, or null when the spool is full (the
     * drop is counted). Throws when the file could not be written (nothing was handed over).
     */
    public SpoolName write(byte[] body) throws IOException {
        Instant now = Instant.now();
        Waiting me = new Waiting(new HookGroup.Entry(now.getEpochSecond() * 1_000_000_000L + now.getNano(), body));
        synchronized (lock) {
            queue.add(me);
        }
        while (true) {
            List<Waiting> group = new ArrayList<>();
            synchronized (lock) {
                while (writing && !me.done) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        if (queue.remove(me)) {
                            throw new InterruptedIOException("interrupted before the event was written");
                        }
                    }
                }
                if (me.done) {
                    return result(me);
                }
                writing = true;
                while (group.size() < MAX_GROUP && !queue.isEmpty()) {
                    group.add(queue.poll());
                }
            }
            try {
                writeGroup(group);
            } finally {
                synchronized (lock) {
                    writing = false;
                    for (Waiting waiting : group) {
                        waiting.done = true;
                    }
                    lock.notifyAll();
                }
            }
        }
    }

    private static SpoolName result(Waiting waiting) throws IOException {
        if (waiting.failure != null) {
            throw new IOException(waiting.failure.getMessage(), waiting.failure);
        }
        return waiting.name;
    }

    private void writeGroup(List<Waiting> group) {
        if (spool.full()) {
            for (Waiting waiting : group) {
                spool.countDrop("spool_full");
            }
            return;
        }
        List<HookGroup.Entry> entries = new ArrayList<>(group.size());
        for (Waiting waiting : group) {
            entries.add(waiting.entry);
        }
        HookGroup.Entry first = entries.get(0);
        Instant time = Instant.ofEpochSecond(0, first.epochNanos());
        try {
            SpoolName name = group.size() == 1 ? spool.writeAt(SpoolName.HOOK, first.body(), time)
                    : spool.writeAt(SpoolName.HOOKS, HookGroup.encode(entries), time);
            for (Waiting waiting : group) {
                waiting.name = name;
            }
        } catch (IOException | RuntimeException e) {
            IOException failure = e instanceof IOException io ? io : new IOException(e.toString(), e);
            for (Waiting waiting : group) {
                waiting.failure = failure;
            }
        }
    }
}
