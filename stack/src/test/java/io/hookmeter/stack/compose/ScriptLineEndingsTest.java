package io.hookmeter.stack.compose;

import io.hookmeter.harness.Binaries;
import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.hookmeter.stack.compose.ResolvedCompose.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shell script keeps LF line endings in a Windows checkout with core.autocrlf=true, where CRLF would stop the
 * containers (grafana/entrypoint.sh, alertmanager/entrypoint.sh, the launchers the images copy): .gitattributes
 * must say {@code eol=lf} for each, as the real {@code git check-attr} reads it.
 */
class ScriptLineEndingsTest {
    private static final Set<String> SKIPPED = Set.of(".git", "target", "var", "node_modules");

    @Test
    void everyScriptHasTheLfRule() throws IOException {
        List<String> scripts = scripts();
        assertTrue(scripts.containsAll(List.of("grafana/entrypoint.sh", "alertmanager/entrypoint.sh",
                "exporter/bin/hookmeter-exporter", "alert-sink/bin/hookmeter-alert-sink", "scripts/lib/launcher.sh")),
                "the scripts the containers run are found: " + scripts);
        List<String> command = new ArrayList<>(List.of(Binaries.require(List.of("git")).toString(), "check-attr",
                "eol", "--"));
        command.addAll(scripts);
        CommandResult attributes = Commands.run(command, null, Map.of(), ROOT, Duration.ofSeconds(30));
        assertEquals(0, attributes.exitCode(), attributes.toString());
        List<String> missing = attributes.out().lines().filter(line -> !line.endsWith(": eol: lf")).toList();
        assertEquals(List.of(), missing, "add a `text eol=lf` rule for these to .gitattributes");
        assertEquals(scripts.size(), attributes.out().lines().count(), attributes.out());
    }

    /** Files starting with #!, or named *.sh, outside build output; relative to the root, with /. */
    private static List<String> scripts() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> Stream.of(ROOT.relativize(file).toString().split("/"))
                            .noneMatch(part -> SKIPPED.contains(part) || part.startsWith("target-")))
                    .filter(file -> file.toString().endsWith(".sh") || startsWithShebang(file))
                    .map(file -> ROOT.relativize(file).toString())
                    .sorted().toList();
        }
    }

    private static boolean startsWithShebang(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(2), StandardCharsets.US_ASCII).equals("#!");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
