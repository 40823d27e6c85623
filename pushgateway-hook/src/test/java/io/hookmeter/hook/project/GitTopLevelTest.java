package io.hookmeter.hook.project;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class GitTopLevelTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final GitTopLevel git = new GitTopLevel(now::get);

    @Test
    void aRepositoryIsFoundFromItsTopAndFromNestedDirectories(@TempDir Path dir) throws Exception {
        Path shop = Files.createDirectories(dir.resolve("shop"));
        Files.createDirectories(shop.resolve(".git/objects"));
        Path deep = Files.createDirectories(shop.resolve("src/main/java"));
        assertEquals("shop", git.name(shop.toString()));
        assertEquals("shop", git.name(deep.toString()));
        assertEquals("shop", git.name(shop + "/src/../src/main"));
    }

    @Test
    void aGitFileMarksAWorktreeOrASubmoduleItsOwnTopLevel(@TempDir Path dir) throws Exception {
        Path main = Files.createDirectories(dir.resolve("main"));
        Files.createDirectories(main.resolve(".git"));
        Path submodule = Files.createDirectories(main.resolve("vendor/lib"));
        Files.writeString(submodule.resolve(".git"), "gitdir: ../../.git/modules/lib\n");
        Path worktree = Files.createDirectories(dir.resolve("wt-feature"));
        Files.writeString(worktree.resolve(".git"), "gitdir: " + main + "/.git/worktrees/wt-feature\n");
        assertEquals("lib", git.name(Files.createDirectories(submodule.resolve("src")).toString()));
        assertEquals("main", git.name(main.resolve("vendor").toString()));
        assertEquals("wt-feature", git.name(worktree.toString()));
    }

    @Test
    void outsideAWorkTreeOrWithoutAUsablePathThereIsNoProject(@TempDir Path dir) throws Exception {
        Path plain = Files.createDirectories(dir.resolve("notes/2026"));
        // @TempDir is under /tmp: no .git above it on a sane machine, which this test relies on.
        assertNull(git.name(plain.toString()));
        assertNull(git.name(dir.resolve("deleted/meanwhile").toString()), "a cwd that no longer exists");
        assertNull(git.name(null));
        assertNull(git.name(""));
        assertNull(git.name("relative/dir"));
        assertNull(git.name("/bad\0path"));
    }

    @Test
    void answersAreKeptForAMinute(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("later"));
        assertNull(git.name(repo.toString()));
        Files.createDirectories(repo.resolve(".git"));
        now.addAndGet(GitTopLevel.TTL_MILLIS - 1);
        assertNull(git.name(repo.toString()), "the cached answer");
        now.addAndGet(1);
        assertEquals("later", git.name(repo.toString()), "looked again after a minute");
    }
}
