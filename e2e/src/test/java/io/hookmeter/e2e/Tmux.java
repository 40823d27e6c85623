package io.hookmeter.e2e;

import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** A private tmux server with one pane running a command: keys in, screen text out, every screen it saw kept. */
final class Tmux implements AutoCloseable {
    private final String socket;
    private final Path log;
    private int snapshots;

    Tmux(String socket, Path log) {
        this.socket = socket;
        this.log = log;
    }

    /** Starts {@code script} (a shell script that sets its own environment) in a 200x50 pane. */
    void start(Path script) {
        run("-f", "/dev/null", "new-session", "-d", "-x", "200", "-y", "50", "sh " + script);
    }

    /** Types text literally, then Enter. */
    void type(String text) throws InterruptedException {
        run("send-keys", "-t", "0", "-l", text);
        Thread.sleep(300);
        key("Enter");
    }

    /** Sends one key by its tmux name (Escape, Enter, 3, ...). */
    void key(String key) {
        run("send-keys", "-t", "0", key);
    }

    /** The pane's text now. */
    String screen() {
        CommandResult result = Commands.run(List.of("tmux", "-L", socket, "capture-pane", "-p", "-t", "0"),
                Duration.ofSeconds(10));
        return result.exitCode() == 0 ? result.out() : "";
    }

    /** Waits until {@code condition} holds; the screen is kept in the log either way. */
    String await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return snapshot(what);
            }
            Thread.sleep(200);
        }
        String screen = snapshot(what + " (TIMED OUT)");
        throw new IllegalStateException("timed out waiting for " + what + "; the screen:\n" + screen);
    }

    /** Waits until the pane shows {@code text}. */
    String awaitText(String text, Duration timeout) throws InterruptedException, IOException {
        return await("\"" + text + "\" on the screen", () -> screen().contains(text), timeout);
    }

    private String snapshot(String what) throws IOException {
        String screen = screen();
        Files.writeString(log, "===== " + (++snapshots) + ": " + what + "\n" + screen + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return screen;
    }

    boolean alive() {
        return Commands.run(List.of("tmux", "-L", socket, "has-session"), Duration.ofSeconds(10)).exitCode() == 0;
    }

    private void run(String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        CommandResult result = Commands.run(command, null, Map.of(), null, Duration.ofSeconds(10));
        if (result.exitCode() != 0) {
            throw new IllegalStateException(command + " failed: " + result.err());
        }
    }

    @Override
    public void close() {
        Commands.run(List.of("tmux", "-L", socket, "kill-server"), Duration.ofSeconds(10));
    }
}
