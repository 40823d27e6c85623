package io.hookmeter.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A long-running server started by a test: its output goes to a log file in its own directory; it is stopped with
 * SIGTERM, then SIGKILL, together with every process it started.
 */
public final class ManagedProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path directory;
    private final Path logFile;
    private final int port;

    private ManagedProcess(String name, Process process, Path directory, Path logFile, int port) {
        this.name = name;
        this.process = process;
        this.directory = directory;
        this.logFile = logFile;
        this.port = port;
    }

    /** Starts {@code command} in {@code directory}, logging to {@code directory/<name>.log}. */
    public static ManagedProcess start(String name, List<String> command, Path directory, int port,
                                       Map<String, String> env) {
        try {
            Files.createDirectories(directory);
            Path log = directory.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(env);
            Files.writeString(log, "$ " + String.join(" ", command) + "\n");
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            ManagedProcess started = new ManagedProcess(name, builder.start(), directory, log, port);
            Reaper.register(started);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /** Polls {@code path} on the server until it answers 200; fails early, with the log, if the process dies. */
    public ManagedProcess awaitReady(String path, Duration timeout) {
        return awaitReady(path, timeout, Map.of());
    }

    /**
     * As {@link #awaitReady(String, Duration)}, sending {@code headers} with every poll: a server behind
     * authentication (for example {@link BasicAuth#headers()}) answers 401 to anyone else, readiness path included.
     */
    public ManagedProcess awaitReady(String path, Duration timeout, Map<String, String> headers) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI uri = URI.create(url() + path);
        String lastProblem = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with code " + process.exitValue()
                        + " before it was ready\n" + log());
            }
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET();
                headers.forEach(request::header);
                HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return this;
                }
                lastProblem = "HTTP " + response.statusCode();
            } catch (IOException e) {
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            sleep(100);
        }
        throw new AssertionError(name + " not ready at " + uri + " within " + timeout + " (" + lastProblem + ")\n"
                + log());
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** Base URL, {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path directory() {
        return directory;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The whole log so far. */
    public String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGTERM to the process and its descendants, SIGKILL after 10 s; returns once all are gone. */
    public void stop() {
        Reaper.unregister(this);
        List<ProcessHandle> family = process.descendants().toList();
        process.destroy();
        family.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        for (ProcessHandle child : family) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }

    /** Stops the process the hard way, as a crash or an OOM kill would. */
    public void kill() {
        Reaper.unregister(this);
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
