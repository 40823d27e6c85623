package io.hookmeter.hook.spool;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable queue between everything that hands over events and the one place that applies them: the folder
 * {@code spool/} in the Hookmeter home, maildir-style.
 * <ul>
 * <li>{@code tmp/}: files being written; a writer killed half-way leaves one here, never in {@code new/}.</li>
 * <li>{@code new/}: whole events, renamed in from {@code tmp/} (atomic), named by {@link SpoolName} so that they sort
 * in arrival order.</li>
 * <li>{@code bad/}: files that could not be parsed, moved aside and counted; the newest {@value #BAD_KEPT} are
 * kept.</li>
 * <li>{@code dropped/}: one empty file per event dropped at hand-over, named {@code <reason>.<unique>}; the applier
 * turns them into {@code hookmeter_events_dropped_total{reason}}.</li>
 * <li>{@code full}: present while {@code new/} holds the configured maximum; writers then drop (and count).</li>
 * </ul>
 * No fsync on the way in: an event must survive the crash of any process, not a power cut.
 */
public final class Spool {
    public static final String DIR = "spool";
    public static final int BAD_KEPT = 100;
    /** Leftovers of writers killed half-way are removed from tmp/ after this long. */
    static final long TMP_EXPIRY_MILLIS = 600_000;

    private final Path root;

    private Spool(Path root) {
        this.root = root;
    }

    /** The spool of a Hookmeter home. */
    public static Spool in(Path home) {
        return new Spool(home.resolve(DIR));
    }

    public Path root() {
        return root;
    }

    public Path incoming() {
        return root.resolve("new");
    }

    Path tmp() {
        return root.resolve("tmp");
    }

    public Path bad() {
        return root.resolve("bad");
    }

    public Path dropped() {
        return root.resolve("dropped");
    }

    Path fullMarker() {
        return root.resolve("full");
    }

    public boolean full() {
        return Files.exists(fullMarker());
    }

    /** Creates the folders (the POSIX hook does the same on its first write). */
    public void create() throws IOException {
        Files.createDirectories(tmp());
        Files.createDirectories(incoming());
        Files.createDirectories(dropped());
    }

    /**
     * Hands one event over: written to tmp/, renamed into new/. Returns its name, or null when the spool is full
     * (then the drop is counted).
     */
    public SpoolName write(String kind, byte[] body) throws IOException {
        if (full()) {
            countDrop("spool_full");
            return null;
        }
        return writeAt(kind, body, java.time.Instant.now());
    }

    /** Writes one file named for {@code time}, whether the spool is full or not (the caller checked). */
    SpoolName writeAt(String kind, byte[] body, java.time.Instant time) throws IOException {
        SpoolName name = SpoolName.next(kind, time);
        Path temp = tmp().resolve(name.file());
        try {
            Files.write(temp, body);
        } catch (NoSuchFileException e) {
            create();
            Files.write(temp, body);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        moveIn(temp, name);
        return name;
    }

    /** Moves a whole file into new/ under {@code name}: atomic, so a reader never sees part of it. */
    void moveIn(Path whole, SpoolName name) throws IOException {
        Path target = incoming().resolve(name.file());
        try {
            Files.move(whole, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(whole, target);
        }
    }

    /** Leaves a count of one dropped event (best effort: on a full disk even this may fail). */
    public void countDrop(String reason) {
        try {
            Files.createDirectories(dropped());
            Files.createFile(dropped().resolve(reason + "." + SpoolName.next("drop").file()));
        } catch (IOException ignored) {
            // Nothing more can be done; the caller logs the event's loss.
        }
    }

    /** The oldest waiting events, and how many wait in all. */
    public record Oldest(List<SpoolName> names, int total) {
    }

    /**
     * The {@code max} oldest events in new/, oldest first, and the count of all: a large backlog costs memory for
     * {@code max} names only (a bounded heap while listing), not for every file.
     */
    public Oldest oldest(int max) throws IOException {
        java.util.PriorityQueue<SpoolName> newestFirst = new java.util.PriorityQueue<>(Comparator.reverseOrder());
        int total = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(incoming())) {
            for (Path file : files) {
                SpoolName name = SpoolName.parse(file.getFileName().toString());
                if (name == null) {
                    continue;
                }
                total++;
                newestFirst.add(name);
                if (newestFirst.size() > max) {
                    newestFirst.poll();
                }
            }
        } catch (NoSuchFileException e) {
            return new Oldest(List.of(), 0);
        }
        List<SpoolName> names = new ArrayList<>(newestFirst);
        Collections.sort(names);
        breakCoarseTies(names);
        return new Oldest(names, total);
    }

    /** Every event waiting in new/, oldest first. */
    public List<SpoolName> pending() throws IOException {
        List<SpoolName> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(incoming())) {
            for (Path file : files) {
                SpoolName name = SpoolName.parse(file.getFileName().toString());
                if (name != null) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return names;
        }
        Collections.sort(names);
        breakCoarseTies(names);
        return names;
    }

    /**
     * Names with whole seconds only (macOS) tie within their second: there the file's modification time, taken
     * when the hook wrote it, gives the arrival order.
     */
    private void breakCoarseTies(List<SpoolName> names) {
        int i = 0;
        while (i < names.size()) {
            int j = i + 1;
            while (j < names.size() && names.get(j).epochNanos() == names.get(i).epochNanos()) {
                j++;
            }
            if (j - i > 1 && names.get(i).coarse()) {
                Map<String, FileTime> times = new HashMap<>();
                for (SpoolName name : names.subList(i, j)) {
                    times.put(name.file(), modified(incoming().resolve(name.file())));
                }
                names.subList(i, j).sort(Comparator.comparing((SpoolName name) -> times.get(name.file()))
                        .thenComparing(SpoolName::file));
            }
            i = j;
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** The bytes of a waiting event, or null when it is gone (applied by someone else). */
    public byte[] read(SpoolName name) throws IOException {
        try {
            return Files.readAllBytes(incoming().resolve(name.file()));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    public void delete(String file) throws IOException {
        Files.deleteIfExists(incoming().resolve(file));
    }

    /** Moves an unparseable event aside to bad/ (keeping the newest {@value #BAD_KEPT}). */
    public void moveToBad(String file) throws IOException {
        Path source = incoming().resolve(file);
        if (!Files.exists(source)) {
            return;
        }
        Files.createDirectories(bad());
        Files.move(source, bad().resolve(file), StandardCopyOption.REPLACE_EXISTING);
        List<Path> kept = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(bad())) {
            files.forEach(kept::add);
        }
        if (kept.size() > BAD_KEPT) {
            kept.sort(null);
            for (Path old : kept.subList(0, kept.size() - BAD_KEPT)) {
                Files.deleteIfExists(old);
            }
        }
    }

    /** The drop counts left by writers: file name to reason. */
    public Map<String, String> dropMarkers() throws IOException {
        Map<String, String> markers = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dropped())) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                int dot = name.indexOf('.');
                markers.put(name, dot > 0 ? name.substring(0, dot) : "unknown");
            }
        } catch (NoSuchFileException e) {
            return markers;
        }
        return markers;
    }

    public void deleteDropMarker(String file) throws IOException {
        Files.deleteIfExists(dropped().resolve(file));
    }

    /** Sets or clears the {@code full} marker that tells writers to drop. */
    public void markFull(boolean isFull) throws IOException {
        if (isFull) {
            if (!full()) {
                Files.createDirectories(root);
                Files.writeString(fullMarker(), "");
            }
        } else {
            Files.deleteIfExists(fullMarker());
        }
    }

    /** Removes what writers killed half-way left in tmp/ long ago; returns how many. */
    public int removeStaleTemp(long nowMillis) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp())) {
            for (Path file : files) {
                if (nowMillis - modified(file).toMillis() > TMP_EXPIRY_MILLIS && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        } catch (IOException ignored) {
            // No tmp/ yet, or not readable: nothing to clean.
        }
        return removed;
    }
}
