package io.hookmeter.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Resident {@code hookmeter agent}s that tests' hooks started: they detach from the test (setsid), so the usual
 * process-tree clean-up does not reach them. Each leaves {@code agent.pid} in its Hookmeter home.
 */
public final class Agents {
    private Agents() {
    }

    /**
     * Stops every agent whose home lies under {@code root}: SIGTERM, then SIGKILL after 10 s. Starts still under way
     * (a hook's background start outlives the hook) are waited for first, 20 s at most; an agent that starts even
     * later exits by itself once its home is deleted.
     */
    public static void stopAll(Path root) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline && !find(root, "agent.starting").isEmpty()) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Path pidFile : find(root, "agent.pid")) {
            stop(pidFile);
        }
    }

    private static List<Path> find(Path root, String name) {
        try (Stream<Path> walk = Files.walk(root, 6)) {
            return walk.filter(path -> path.getFileName().toString().equals(name)).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Stops the agent of one Hookmeter home, if one runs. */
    public static void stop(Path pidFile) {
        Optional<ProcessHandle> agent;
        try {
            agent = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (IOException | NumberFormatException e) {
            return;
        }
        agent.ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
    }
}
