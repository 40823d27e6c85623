package io.hookmeter.stack.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One of the repository's Dockerfiles, read as instructions (continuation lines joined, comments dropped). */
record Dockerfile(Path file, List<String> instructions) {
    /** The two images compose builds, their context being the repository root. */
    static final List<String> BUILT = List.of("exporter/Dockerfile", "alert-sink/Dockerfile");

    static Dockerfile read(Path root, String relative) {
        Path file = root.resolve(relative);
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.strip().startsWith("#")) {
                    continue;
                }
                current.append(line.strip());
                if (line.endsWith("\\")) {
                    current.setLength(current.length() - 1);
                    current.append(' ');
                } else if (current.length() > 0) {
                    instructions.add(current.toString().replaceAll("\\s+", " "));
                    current.setLength(0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Dockerfile(file, List.copyOf(instructions));
    }

    /** The module the image is built from: the Dockerfile's folder. */
    String module() {
        return file.getParent().getFileName().toString();
    }

    /** The instructions of the first stage ({@code FROM ... AS build} up to the next FROM). */
    List<String> buildStage() {
        List<String> stage = new ArrayList<>();
        for (String instruction : instructions) {
            if (instruction.startsWith("FROM ") && !stage.isEmpty()) {
                break;
            }
            stage.add(instruction);
        }
        return stage;
    }

    /** {@code COPY SOURCE... DEST} without {@code --from}: the context paths first, the destination last. */
    static List<String> copyWords(String instruction) {
        if (!instruction.startsWith("COPY ") || instruction.contains("--from=")) {
            return List.of();
        }
        return List.of(instruction.substring(5).strip().split("\\s+")).stream().filter(w -> !w.startsWith("--"))
                .toList();
    }

    /** The context paths the Dockerfile copies, in order. */
    List<String> copiedFromContext() {
        List<String> sources = new ArrayList<>();
        for (String instruction : instructions) {
            List<String> words = copyWords(instruction);
            if (!words.isEmpty()) {
                sources.addAll(words.subList(0, words.size() - 1));
            }
        }
        return sources;
    }

    /** The Maven commands of the RUN instructions, without their BuildKit {@code --mount} options. */
    List<String> mavenRuns() {
        return instructions.stream().filter(i -> i.startsWith("RUN ") && i.contains(" mvn "))
                .map(i -> i.substring(4).replaceAll("--mount=\\S+ ", "")).toList();
    }
}
