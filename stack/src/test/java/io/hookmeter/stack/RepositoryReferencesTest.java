package io.hookmeter.stack;

import io.hookmeter.harness.Launchers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The repository stands on its own: no tracked file refers to the design brief outside it (docs/design.md is the
 * design of record), and every relative link in README.md and docs/*.md reaches a file that exists, and a heading of
 * it when the link names one.
 */
class RepositoryReferencesTest {
    private static final Path ROOT = Launchers.repoRoot();
    /** Spelled in pieces so that this file does not match itself. */
    private static final List<String> OUTSIDE = List.of("../" + "shared", "/work/" + "shared", "DESIGN" + " §",
            "DESIGN" + ".md");
    /** A Markdown inline link or image: [text](target) or [text](target "title"). */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

    @Test
    void noTrackedFileRefersOutsideTheRepository() throws IOException, InterruptedException {
        List<String> found = new ArrayList<>();
        List<String> files = trackedFiles();
        assertTrue(files.contains("docs/design.md"), "docs/design.md is tracked");
        for (String file : files) {
            Path path = ROOT.resolve(file);
            if (!Files.isRegularFile(path)) {
                continue;
            }
            String text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
            for (String needle : OUTSIDE) {
                if (text.contains(needle)) {
                    found.add(file + " mentions " + needle);
                }
            }
        }
        assertEquals(List.of(), found, "the design of record is docs/design.md, inside the repository");
    }

    @Test
    void relativeMarkdownLinksReachExistingFilesAndHeadings() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            for (String target : links(page)) {
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // http:, https:, mailto: ... are not files of the repository
                }
                checked++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                String where = ROOT.relativize(page) + " -> " + target;
                if (!linked.startsWith(ROOT)) {
                    broken.add(where + ": outside the repository");
                } else if (!Files.exists(linked)) {
                    broken.add(where + ": no such file");
                } else if (anchor != null && linked.toString().endsWith(".md")
                        && !anchors.computeIfAbsent(linked, RepositoryReferencesTest::headingAnchors)
                                .contains(anchor)) {
                    broken.add(where + ": no such heading");
                }
            }
        }
        assertTrue(checked > 20, "found the relative links (" + checked + ")");
        assertEquals(List.of(), broken);
    }

    @Test
    void anchorsAreGitHubs() {
        Set<String> anchors = anchorsOf(List.of("# `hookmeter`: the Claude Code hook",
                "## Routing (alertmanager/alertmanager.yml)", "### `install` and `uninstall`",
                "## hookmeter-exporter vs node_exporter", "## Notes", "## Notes",
                "```", "# not a heading in a code block", "```"));
        assertEquals(Set.of("hookmeter-the-claude-code-hook", "routing-alertmanageralertmanageryml",
                "install-and-uninstall", "hookmeter-exporter-vs-node_exporter", "notes", "notes-1"), anchors);
    }

    private static List<String> links(Path page) throws IOException {
        List<String> targets = new ArrayList<>();
        boolean code = false;
        for (String line : Files.readAllLines(page)) {
            if (line.stripLeading().startsWith("```")) {
                code = !code;
                continue;
            }
            if (code) {
                continue;
            }
            Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
            while (m.find()) {
                targets.add(m.group(1));
            }
        }
        return targets;
    }

    private static Set<String> headingAnchors(Path page) {
        try {
            return anchorsOf(Files.readAllLines(page));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
    static Set<String> anchorsOf(List<String> lines) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean code = false;
        for (String line : lines) {
            if (line.stripLeading().startsWith("```")) {
                code = !code;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (code || !m.matches()) {
                continue;
            }
            String slug = m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int n = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(n == 0 ? slug : slug + "-" + n);
        }
        return anchors;
    }

    private static List<String> trackedFiles() throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "-C", ROOT.toString(), "ls-files", "-z")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = git.getInputStream().readAllBytes();
        assertTrue(git.waitFor(60, TimeUnit.SECONDS), "git ls-files finished");
        assertEquals(0, git.exitValue(), "git ls-files in " + ROOT + " (the test reads the tracked files)");
        List<String> files = new ArrayList<>();
        for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
            if (!name.isEmpty()) {
                files.add(name);
            }
        }
        assertTrue(files.size() > 100, "found the tracked files (" + files.size() + ")");
        return files;
    }
}
