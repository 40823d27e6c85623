package io.hookmeter.hook.it;

import com.sun.net.httpserver.HttpServer;
import io.hookmeter.harness.Binaries;
import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import io.hookmeter.harness.Launchers;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import io.hookmeter.hook.state.CounterFamily;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.StateStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The disk turns hostile: full, not writable by the user, or the agent is killed at any moment while events stream
 * in. The hook still exits 0 with nothing on stdout, says what happened on stderr when it cannot write its log, the
 * state file stays the last good one, and every event is either applied exactly once or dropped and counted.
 */
@ExtendWith(RealServers.class)
class HostileDiskIT {
    private static final String POST = "{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Bash\","
            + "\"tool_use_id\":\"x\",\"duration_ms\":30}";
    /** A hook never hangs on a hostile disk: generous for a busy CI machine, far from a hang. */
    private static final long DEADLINE_MS = 10_000;
    private static final long START_ALLOWANCE_MS = 0;

    private static Servers servers;
    private static ManagedProcess pushgateway;

    @BeforeAll
    static void start(Servers shared) {
        servers = shared;
        pushgateway = shared.pushgateway(HookRuns.IN_MEMORY);
    }

    @Test
    void aFullDiskDropsCountsAndSaysSoAndTheFirstEventWithSpaceIsApplied() throws Exception {
        Path mountPoint = servers.directory("small-disk");
        Path outside = servers.directory("outside-the-small-disk");
        String home = mountPoint + "/home";
        String launcher = Launchers.hookmeter().toString();
        // No agent inside the namespace: the test applies with `hookmeter push`, the barrier scripts use.
        String env = "HOOKMETER_HOME=" + quote(home) + " HOOKMETER_INSTANCE=full-disk HOOKMETER_AGENT_AUTOSTART=false ";
        String hook = env + quote(launcher) + " hook";
        String push = env + quote(launcher) + " push";
        try (SmallDisk disk = new SmallDisk(mountPoint, "128k", outside,
                Map.of("HOOKMETER_PUSHGATEWAY_URL", pushgateway.url()))) {
            for (int i = 0; i < 3; i++) {
                CommandResult result = disk.run(hook, POST);
                assertSilent(result);
                assertEquals("", result.err(), "with space, nothing to say: " + result);
            }
            assertEquals(0, disk.run(push, null).exitCode());
            assertEquals(3.0, pushedCalls("full-disk"));

            // Fill every block, then the slack of the log file's last page, so not even the log fits.
            CommandResult fill = disk.run("dd if=/dev/zero of=" + quote(mountPoint + "/filler") + " bs=16k 2>/dev/null;"
                    + " yes filling | tr -d '\\n' >> " + quote(home + "/hookmeter.log") + " 2>/dev/null;"
                    + " stat -f -c %a " + quote(mountPoint.toString()), null);
            assertEquals("0", fill.out().trim(), "no free block left: " + fill);
            for (int i = 0; i < 3; i++) {
                CommandResult result = disk.run(hook, POST);
                assertSilent(result);
                assertOneClearLine(result, "hook event dropped (write_failed)", "cannot write it to " + home);
                assertEquals(List.of(), disk.list(home + "/spool/tmp"), "no half-written file left to hold the space");
                assertEquals(List.of(), disk.list(home + "/spool/new"));
            }
            int counted = disk.list(home + "/spool/dropped").size();

            assertEquals(0, disk.run("rm " + quote(mountPoint + "/filler"), null).exitCode());
            assertSilent(disk.run(hook, POST));
            assertEquals(0, disk.run(push, null).exitCode());
            assertEquals(4.0, pushedCalls("full-disk"), "the first event with space is applied and pushed");
            assertEquals(counted, Scrape.of(pushgateway.url(), "full-disk").value("hookmeter_events_dropped_total",
                    "reason", "write_failed"), "every drop that could leave a mark is counted");
            assertEquals(List.of(), disk.list(home + "/spool/dropped"));
        }
    }

    @Test
    void aHomeTheUserCannotWriteIsLeftUntouched(@TempDir Path dir) throws Exception {
        // The hook runs as nobody when the test runs as root (root ignores permissions); else as the user itself.
        boolean root = isRoot();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Map<String, String> env = new HashMap<>();
        env.put("HOOKMETER_HOME", home.toString());
        env.put("HOOKMETER_PUSHGATEWAY_URL", pushgateway.url());
        env.put("HOOKMETER_INSTANCE", "read-only");
        env.put("HOOKMETER_AGENT_AUTOSTART", "false");
        assertSilent(servers.hookmeter(bytes(POST), env, "hook"));
        assertEquals(0, servers.hookmeter(null, env, "push").exitCode());
        assertEquals(1.0, pushedCalls("read-only"));
        byte[] before = Files.readAllBytes(home.resolve("state.json"));
        List<String> files = list(home);

        List<String> command = root ? asNobody(dir, env) : List.of(Launchers.hookmeter().toString(), "hook");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString(root ? "rwxr-xr-x" : "r-xr-xr-x"));
        try {
            CommandResult readOnly = Commands.run(command, bytes(POST), env, dir, Duration.ofSeconds(60));
            assertSilent(readOnly);
            assertOneClearLine(readOnly, "hook event dropped (write_failed)");
            assertArrayEquals(before, Files.readAllBytes(home.resolve("state.json")), "state.json unchanged");
            assertEquals(files, list(home), "nothing created in the home");
            assertEquals(List.of(), list(home.resolve("spool/new")));

            Path missing = home.resolve("missing/home");
            env.put("HOOKMETER_HOME", missing.toString());
            CommandResult cannotCreate = Commands.run(command, bytes(POST), env, dir, Duration.ofSeconds(60));
            assertSilent(cannotCreate);
            assertOneClearLine(cannotCreate, "hook event dropped (write_failed)", "cannot write it to " + missing);
            assertFalse(Files.exists(home.resolve("missing")));
        } finally {
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /**
     * 5 000 events through the command hook from 4 writers while the agent is killed with SIGKILL at random moments
     * (the hooks start it again, as they do for real); then a restart and the barrier: every event whose hook exited
     * is counted exactly once, none twice, and the spool is empty.
     */
    @Test
    void theAgentKilledAtRandomMomentsCountsEveryAcknowledgedEventExactlyOnce() throws Exception {
        HookRuns runs = new HookRuns(servers, pushgateway.url(), "killed-agent");
        assertEquals(0, runs.run("agent", "start").exitCode());
        int writers = 4;
        int events = 1250;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < events; i++) {
                    runs.hook(POST);
                }
                return null;
            }));
        }
        int kills = killAtRandomMoments(runs, done, new Random(7), () -> { });
        Scrape scrape = restartAndPush(runs, pool, done, kills);
        assertEquals(writers * events, scrape.value("hookmeter_tool_duration_seconds_count", "tool", "Bash",
                "outcome", "success", "agent", "main"), "exactly once, after " + kills + " kills: " + scrape);
        assertEquals(writers * events, scrape.value("hookmeter_events_applied_total", "kind", "hook"));
        assertEquals(List.of(), list(runs.home.resolve("spool/new")));
        assertFalse(Files.exists(runs.home.resolve("spool/bad")), "a kill never leaves a half event behind");
    }

    /**
     * The same through POST /hook, whose events wait in an open segment until the agent's next batch: 4 writers send
     * until 5 000 events got their 204 while the agent is killed with SIGKILL at random moments and started again (as
     * SessionStart's command hook does). Then a restart and the barrier: every acknowledged event is counted, and
     * none twice: the count exceeds the acknowledged ones by at most the requests whose answer the kill cut off
     * (sent, perhaps written, never answered).
     */
    @Test
    void theAgentKilledAtRandomMomentsCountsEveryEventItAnsweredExactlyOnce() throws Exception {
        HookRuns runs = new HookRuns(servers, pushgateway.url(), "killed-http-agent");
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        runs.env.put("HOOKMETER_AGENT_ADDRESS", "127.0.0.1:" + port); // the same address after every restart
        assertEquals(0, runs.run("agent", "start").exitCode());
        URI uri = URI.create("http://127.0.0.1:" + port + "/hook");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        int writers = 4;
        int events = 1250;
        java.util.concurrent.atomic.AtomicInteger cutOff = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            done.add(pool.submit(() -> {
                int answered = 0;
                while (answered < events) {
                    try {
                        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(POST))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        assertEquals(204, response.statusCode(), response.body());
                        answered++;
                    } catch (java.net.ConnectException refused) {
                        Thread.sleep(20); // no agent listening: nothing was sent
                    } catch (IOException cut) {
                        cutOff.incrementAndGet(); // sent, and the agent died before it answered
                    }
                }
                return null;
            }));
        }
        // Started again after each kill, as SessionStart's command hook would.
        int kills = killAtRandomMoments(runs, done, new Random(11), () -> runs.run("agent", "start"));
        Scrape scrape = restartAndPush(runs, pool, done, kills);
        double counted = scrape.value("hookmeter_tool_duration_seconds_count", "tool", "Bash", "outcome", "success",
                "agent", "main");
        String story = counted + " counted, " + writers * events + " answered, " + cutOff.get() + " cut off, after "
                + kills + " kills";
        assertTrue(counted >= writers * events, "every answered event is counted: " + story);
        assertTrue(counted <= writers * events + cutOff.get(), "none twice: " + story);
        assertEquals(List.of(), list(runs.home.resolve("spool/new")));
        assertFalse(Files.exists(runs.home.resolve("spool/bad")), "a kill never leaves a damaged segment: " + story);
        assertTrue(readQuietly(runs.home.resolve("hookmeter.log")).contains("took over HTTP moved into the spool"),
                "some kill left events in an open segment, which the next agent sealed: " + story);
    }

    /** After the writers and the kills: one more start, and the barrier. */
    private static Scrape restartAndPush(HookRuns runs, ExecutorService pool, List<Future<?>> writers, int kills)
            throws Exception {
        pool.shutdown();
        for (Future<?> future : writers) {
            future.get();
        }
        assertTrue(kills >= 3, "the agent was killed several times: " + kills);
        CommandResult restart = runs.run("agent", "start");
        assertEquals(0, restart.exitCode(), restart + "\nagent.log: " + readQuietly(runs.home.resolve("agent.log")));
        return runs.pushed();
    }

    /** Kills the agent with SIGKILL every 0.1 to 0.7 s until {@code writers} are done; returns how many times. */
    private static int killAtRandomMoments(HookRuns runs, List<Future<?>> writers, Random random, Runnable afterKill)
            throws InterruptedException {
        int kills = 0;
        while (writers.stream().anyMatch(future -> !future.isDone())) {
            Thread.sleep(100 + random.nextInt(600));
            Path pidFile = runs.home.resolve("agent.pid");
            if (Files.exists(pidFile)) {
                try {
                    long pid = Long.parseLong(Files.readString(pidFile).strip());
                    if (ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false)) {
                        kills++;
                        ProcessHandle.of(pid).ifPresent(gone -> gone.onExit().join());
                    }
                } catch (IOException | NumberFormatException raced) {
                    // The agent was just replacing its pid file: try again at the next moment.
                }
            }
            afterKill.run();
        }
        return kills;
    }

    /**
     * The real launcher as user nobody, from a world-readable copy of the launcher, its shell library and the jar
     * (the checkout itself may not be readable by nobody); {@code env} is pointed at that jar.
     */
    private static List<String> asNobody(Path dir, Map<String, String> env) throws IOException {
        Path setpriv = requireTool("setpriv", "util-linux");
        Path copy = dir.resolve("readable");
        Path launcher = copyReadable(Launchers.hookmeter(), copy.resolve("pushgateway-hook/bin/hookmeter"));
        copyReadable(Launchers.repoRoot().resolve("scripts/lib/launcher.sh"), copy.resolve("scripts/lib/launcher.sh"));
        env.put("HOOKMETER_JAR", copyReadable(builtJar(), copy.resolve("pushgateway-hook/target/hookmeter.jar"))
                .toString());
        return List.of(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups", "--",
                launcher.toString(), "hook");
    }

    /** Copies {@code from} to {@code to}, readable and runnable by everyone (new folders get the umask's 755). */
    private static Path copyReadable(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
        return to;
    }

    /** The jar the launcher runs: HOOKMETER_JAR (set by the build for another build folder) or the default. */
    private static Path builtJar() {
        String configured = System.getenv("HOOKMETER_JAR");
        Path jar = configured != null && !configured.isBlank() ? Path.of(configured)
                : Launchers.repoRoot().resolve("pushgateway-hook/target/hookmeter.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is not built");
        return jar;
    }

    private static Path requireTool(String name, String debianPackage) {
        return Binaries.find(List.of(name)).orElseThrow(() -> new AssertionError(name + " not found on PATH;"
                + " this test needs it: apt-get install -y " + debianPackage));
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The promise to the agent: exit 0, nothing on stdout, done by the deadline (no hang on a hostile disk). */
    private static void assertSilent(CommandResult result) {
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(0, result.stdout().length, "a hook never writes to stdout: " + result);
        assertTrue(result.elapsed().toMillis() < DEADLINE_MS + START_ALLOWANCE_MS,
                "bounded by the deadline: " + result);
    }

    /** One line on stderr, ours, saying what happened in these words, and no stack trace. */
    private static void assertOneClearLine(CommandResult result, String... words) {
        List<String> lines = result.err().lines().toList();
        assertEquals(1, lines.size(), "one line on stderr: " + result);
        assertTrue(lines.get(0).startsWith("hookmeter: "), result.toString());
        for (String word : words) {
            assertTrue(lines.get(0).contains(word), "'" + word + "' in: " + lines.get(0));
        }
    }

    private static Double pushedCalls(String instance) {
        return Scrape.of(pushgateway.url(), instance).value("hookmeter_tool_duration_seconds_count", "tool", "Bash",
                "outcome", "success", "agent", "main");
    }

    private static long calls(byte[] stateFile) throws Exception {
        Path copy = servers.directory("state-copy");
        Files.write(copy.resolve(StateStore.STATE_FILE), stateFile);
        return new StateStore(copy, message -> { }).readOnly().family("hookmeter_tool_duration_seconds")
                .find("Bash", "success", "main").count();
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Single-quoted for sh. */
    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * A shell in a mount namespace of its own with a small tmpfs on {@code mountPoint}: such a mount is only visible
     * inside the namespace, so everything that must see it (the hook runs, filling it, copying files out) runs in
     * this one shell. Each command's stdin, stdout, stderr and exit code pass through files in {@code io}, outside
     * the small disk. Needs {@code unshare} (util-linux) and {@code mount} (mount); as a normal user, a user
     * namespace too ({@code unshare -r}).
     */
    private static final class SmallDisk implements AutoCloseable {
        private static final Duration HANG_LIMIT = Duration.ofSeconds(60);
        private static final String EOF = "\0eof";

        private final Process shell;
        private final Path io;
        private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
        private int commands;

        SmallDisk(Path mountPoint, String size, Path io, Map<String, String> env)
                throws IOException, InterruptedException {
            Path unshare = requireTool("unshare", "util-linux");
            requireTool("mount", "mount");
            this.io = io;
            List<String> command = isRoot() ? List.of(unshare.toString(), "--mount", "sh")
                    : List.of(unshare.toString(), "--map-root-user", "--mount", "sh");
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(io.resolve("shell.err").toFile());
            builder.environment().putAll(env);
            shell = builder.start();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        replies.add(line);
                    }
                } catch (IOException ignored) {
                    // Same as the end of the stream.
                }
                replies.add(EOF);
            }, "small-disk-shell");
            reader.setDaemon(true);
            reader.start();
            CommandResult mounted = run("mount -t tmpfs -o size=" + size + " hookmeter-small-disk "
                    + quote(mountPoint.toString()), null);
            assertEquals(0, mounted.exitCode(), "cannot mount a tmpfs in a mount namespace: " + mounted);
        }

        CommandResult run(String command, String stdin) throws IOException, InterruptedException {
            int n = ++commands;
            Path in = Files.write(io.resolve("in-" + n), stdin == null ? new byte[0] : bytes(stdin));
            Path out = io.resolve("out-" + n);
            Path err = io.resolve("err-" + n);
            Path rc = io.resolve("rc-" + n);
            long start = System.nanoTime();
            try {
                shell.getOutputStream().write(bytes("(" + command + ") <" + quote(in.toString()) + " >"
                        + quote(out.toString()) + " 2>" + quote(err.toString()) + "; echo \"$?\" >"
                        + quote(rc.toString()) + "; echo done-" + n + "\n"));
                shell.getOutputStream().flush();
            } catch (IOException e) {
                throw new AssertionError("the namespace shell is gone: " + shellErrors(), e);
            }
            String done = "done-" + n;
            for (String reply; !done.equals(reply = replies.poll(HANG_LIMIT.toSeconds(), TimeUnit.SECONDS)); ) {
                if (reply == null) {
                    throw new AssertionError("hung for " + HANG_LIMIT + ": " + command);
                }
                if (reply.equals(EOF)) {
                    throw new AssertionError("the namespace shell ended: " + shellErrors());
                }
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new CommandResult(Integer.parseInt(Files.readString(rc).trim()), Files.readAllBytes(out),
                    Files.readAllBytes(err), elapsed);
        }

        /** A file on the small disk, read through a copy outside it. */
        byte[] copyOut(String file) throws IOException, InterruptedException {
            Path copy = io.resolve("copy-" + (commands + 1));
            CommandResult cp = run("cp " + quote(file) + " " + quote(copy.toString()), null);
            assertEquals(0, cp.exitCode(), cp.toString());
            return Files.readAllBytes(copy);
        }

        List<String> list(String dir) throws IOException, InterruptedException {
            CommandResult ls = run("ls -A " + quote(dir), null);
            assertEquals(0, ls.exitCode(), ls.toString());
            return ls.out().lines().sorted().toList();
        }

        private String shellErrors() {
            try {
                return Files.readString(io.resolve("shell.err"));
            } catch (IOException e) {
                return e.toString();
            }
        }

        @Override
        public void close() throws Exception {
            try (OutputStream stdin = shell.getOutputStream()) {
                stdin.write(bytes("exit\n"));
            } catch (IOException gone) {
                // Already ended.
            }
            if (!shell.waitFor(10, TimeUnit.SECONDS)) {
                shell.destroyForcibly();
            }
        }
    }
}
