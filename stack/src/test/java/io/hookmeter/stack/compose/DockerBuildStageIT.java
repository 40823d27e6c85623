package io.hookmeter.stack.compose;

import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.hookmeter.stack.compose.ResolvedCompose.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The build stage of each Dockerfile compose builds, run without Docker: its COPY instructions from the repository
 * (minus what .dockerignore leaves out) into an empty folder, then its RUN instructions there without their BuildKit
 * cache mounts (the local Maven repository stands in for the cached ~/.m2). It proves that the files the stage copies
 * are enough to build the jar the final stage takes, and that a second build of the same sources, later and from
 * scratch, gives the same jar byte for byte (so the image, and the container, stay the same).
 */
class DockerBuildStageIT {
    static final List<String> DOCKERFILES = Dockerfile.BUILT;
    private static final String WORKDIR = "/src/";

    @TempDir
    Path context;

    @ParameterizedTest
    @FieldSource("DOCKERFILES")
    void theStageBuildsTheJarFromWhatItCopiesAndRebuildsItIdentically(String name) throws Exception {
        Dockerfile dockerfile = Dockerfile.read(ROOT, name);
        List<String> stage = dockerfile.buildStage();
        assertTrue(stage.contains("WORKDIR " + WORKDIR.substring(0, WORKDIR.length() - 1)), stage.toString());
        DockerIgnore ignore = new DockerIgnore(ROOT.resolve(".dockerignore"));
        String lastRun = null;
        for (String instruction : stage) {
            List<String> copy = Dockerfile.copyWords(instruction);
            if (!copy.isEmpty()) {
                String target = copy.get(copy.size() - 1);
                for (String source : copy.subList(0, copy.size() - 1)) {
                    copyFromContext(ignore, source, target);
                }
            } else if (instruction.startsWith("RUN ")) {
                lastRun = instruction.substring(4).replaceAll("--mount=\\S+ ", "");
                run(lastRun);
            }
        }
        Path jar = context.resolve(jarTheFinalStageTakes(dockerfile));
        assertTrue(Files.isRegularFile(jar), name + ": the build stage made no " + jar);
        String first = sha256(jar);

        // A later build from scratch: every build output gone, every source newer.
        try (Stream<Path> files = Files.walk(context)) {
            for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                if (file.toString().contains("/target/") || file.toString().endsWith("/target")) {
                    Files.delete(file);
                } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 3_600_000));
                }
            }
        }
        assertFalse(Files.exists(jar));
        run(lastRun);
        assertEquals(first, sha256(jar), name + ": the same sources must give the same jar");
    }

    /** {@code COPY --from=build /src/MODULE/target/NAME.jar ...}: the jar, relative to the build's WORKDIR. */
    private static String jarTheFinalStageTakes(Dockerfile dockerfile) {
        return dockerfile.instructions().stream().filter(i -> i.startsWith("COPY --from=build " + WORKDIR))
                .map(i -> i.split(" ")[2].substring(WORKDIR.length())).filter(path -> path.endsWith(".jar"))
                .findFirst().orElseThrow(() -> new AssertionError(dockerfile.file() + " takes no jar from build"));
    }

    /** Docker's COPY: a folder's content into the target folder, a file into a target ending in / (or as it). */
    private void copyFromContext(DockerIgnore ignore, String source, String destination) throws IOException {
        Path from = ROOT.resolve(source);
        Path target = context.resolve(destination);
        boolean intoFolder = destination.endsWith("/") || destination.equals(".");
        assertTrue(Files.exists(from), source);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                String relative = ROOT.relativize(file).toString();
                if (ignore.excludes(relative)) {
                    continue;
                }
                Path to = Files.isDirectory(from) ? target.resolve(from.relativize(file).toString())
                        : intoFolder ? target.resolve(file.getFileName().toString()) : target;
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(file, to, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private void run(String command) {
        CommandResult result = Commands.run(List.of("/bin/sh", "-c", command), null, Map.of(), context,
                Duration.ofMinutes(5));
        assertEquals(0, result.exitCode(), command + "\n" + result);
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
