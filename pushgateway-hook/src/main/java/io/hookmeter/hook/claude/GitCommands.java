package io.hookmeter.hook.claude;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the git subcommands a shell command line runs ({@code git status && git -C x commit -m y} gives status,
 * commit). Subcommands outside a fixed set become {@code other}, so the label stays bounded.
 */
public final class GitCommands {
    static final Set<String> KNOWN = Set.of("add", "am", "apply", "bisect", "blame", "branch", "checkout",
            "cherry-pick", "clean", "clone", "commit", "config", "describe", "diff", "fetch", "format-patch", "grep",
            "init", "log", "ls-files", "merge", "mv", "pull", "push", "rebase", "reflog", "remote", "reset", "restore",
            "rev-parse", "revert", "rm", "show", "stash", "status", "submodule", "switch", "tag", "worktree");
    /** Global options that take a separate value: {@code git -C dir status}. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-C", "-c", "--git-dir", "--work-tree",
            "--namespace", "--exec-path", "--config-env");

    /** Where a command line splits into words (compiled once: String.split compiles it on every call). */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s;&|()`]+");

    private GitCommands() {
    }

    public static List<String> subcommands(String commandLine) {
        List<String> found = new ArrayList<>();
        if (commandLine == null || !commandLine.contains("git")) {
            return found;
        }
        String[] words = SEPARATORS.split(commandLine);
        for (int i = 0; i < words.length; i++) {
            if (!isGit(words[i])) {
                continue;
            }
            int j = i + 1;
            while (j < words.length && words[j].startsWith("-")) {
                j += OPTIONS_WITH_VALUE.contains(words[j]) ? 2 : 1;
            }
            if (j < words.length && !words[j].isEmpty()) {
                found.add(KNOWN.contains(words[j]) ? words[j] : "other");
                i = j;
            }
        }
        return found;
    }

    private static boolean isGit(String word) {
        String unquoted = word.replace("\"", "").replace("'", "");
        return unquoted.equals("git") || unquoted.endsWith("/git") || unquoted.equalsIgnoreCase("git.exe");
    }
}
