package io.hookmeter.hook.project;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The name of the git work tree's top-level directory that holds a directory, found the way git finds it without
 * running git: the nearest directory, from the given one upwards, that holds a {@code .git} directory (a
 * repository) or a {@code .git} file (a linked worktree or a submodule). It costs one stat per level walked; the
 * answer, a name or none, is kept per directory for a minute (so a {@code git init} shows within a minute in a
 * long-running agent) and for at most {@link #CACHE_SIZE} directories.
 */
public final class GitTopLevel {
    static final int CACHE_SIZE = 512;
    static final long TTL_MILLIS = 60_000;
    /** The process-wide resolver: the file system is shared, so is what was learnt about it. */
    public static final GitTopLevel SHARED = new GitTopLevel(System::currentTimeMillis);

    private record Known(String name, long atMillis) {
    }

    private final LongSupplier clock;
    private final Map<String, Known> known = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    GitTopLevel(LongSupplier clock) {
        this.clock = clock;
    }

    /** The top-level directory's name for {@code cwd}, or null: no cwd, not absolute, or not in a work tree. */
    public String name(String cwd) {
        if (cwd == null || cwd.isBlank()) {
            return null;
        }
        long now = clock.getAsLong();
        synchronized (known) {
            Known hit = known.get(cwd);
            if (hit != null && now - hit.atMillis() < TTL_MILLIS) {
                return hit.name();
            }
        }
        String name = walk(cwd);
        synchronized (known) {
            known.put(cwd, new Known(name, now));
        }
        return name;
    }

    private static String walk(String cwd) {
        Path dir;
        try {
            dir = Path.of(cwd);
        } catch (InvalidPathException e) {
            return null;
        }
        if (!dir.isAbsolute()) {
            return null; // relative to what? the hook's own directory is not the session's
        }
        for (dir = dir.normalize(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                Path name = dir.getFileName();
                return name == null ? null : name.toString(); // a work tree at / has no name
            }
        }
        return null;
    }
}
