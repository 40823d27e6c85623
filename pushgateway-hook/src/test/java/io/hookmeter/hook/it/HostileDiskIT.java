package io.hookmeter.hook.it;

import com.sun.net.httpserver.HttpServer;
import io.hookmeter.harness.Binaries;
import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import io.hookmeter.harness.Launchers;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import io.hookmeter.hook.run.HookCommand;
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
 * The disk turns hostile: full, not writable by the user, or the hook is killed half-way through an update. The hook
 * still exits 0 with nothing on stdout, says what happened on stderr when it cannot write its log, and the state
 * file stays the last good one: an event is either wholly recorded or dropped and reported, never half-written.
 */
@ExtendWith(RealServers.class)
class HostileDiskIT {
    private static final String POST = "{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Bash\","
            + "\"tool_use_id\":\"x\",\"duration_ms\":30}";
    /** The hook's default deadline; a run on a hostile disk must still end by it (plus JVM start on busy CI). */
    private static final long DEADLINE_MS = 2000;
    private static final long START_ALLOWANCE_MS = 10_000;

    private static Servers servers;
    private static ManagedProcess pushgateway;

    @BeforeAll
    static void start(Servers shared) {
        servers = shared;
        pushgateway = shared.pushgateway(HookRuns.IN_MEMORY);
    }

    @Test
    void aFullDiskDropsAndReportsWhatItCannotSaveAndTheFirstEventWithSpaceCommitsAndPushes() throws Exception {
        Path mountPoint = servers.directory("small-disk");
        Path outside = servers.directory("outside-the-small-disk");
        String home = mountPoint + "/home";
        String fresh = mountPoint + "/fresh-home";
        String launcher = Launchers.hookmeter().toString();
        String hook = "HOOKMETER_HOME=" + quote(home) + " HOOKMETER_INSTANCE=full-disk " + quote(launcher) + " hook";
        String freshHook = "HOOKMETER_HOME=" + quote(fresh) + " HOOKMETER_INSTANCE=full-disk-fresh "
                + quote(launcher) + " hook";
        try (SmallDisk disk = new SmallDisk(mountPoint, "128k", outside,
                Map.of("HOOKMETER_PUSHGATEWAY_URL", pushgateway.url()))) {
            // The first push fails (logged), the next ones carry the totals: a log with a line in it, 3 pushed.
            String unreachable = "HOOKMETER_PUSHGATEWAY_URL=http://127.0.0.1:9 ";
            for (String run : List.of(unreachable + hook, hook, hook)) {
                CommandResult result = disk.run(run, POST);
                assertSilent(result);
                assertEquals("", result.err(), "with space, problems go to the log, not stderr: " + result);
            }
            assertEquals(3.0, pushedCalls("full-disk"));
            byte[] good = disk.copyOut(home + "/state.json");
            assertEquals(3, calls(good));

            // Fill every block, then the slack of the log file's last page, so not even the log fits; the log now
            // ends in a line cut short, as a full disk leaves it.
            CommandResult fill = disk.run("dd if=/dev/zero of=" + quote(mountPoint + "/filler") + " bs=16k 2>/dev/null;"
                    + " yes filling | tr -d '\\n' >> " + quote(home + "/hookmeter.log") + " 2>/dev/null;"
                    + " stat -f -c %a " + quote(mountPoint.toString()), null);
            assertEquals("0", fill.out().trim(), "no free block left: " + fill);
            assertNotEquals("\n", disk.run("tail -c 1 " + quote(home + "/hookmeter.log"), null).out(), "a cut line");

            for (int i = 0; i < 3; i++) {
                CommandResult result = disk.run(hook, POST);
                assertSilent(result);
                assertOneClearLine(result, "No space left on device", "keeps its last saved totals");
                assertArrayEquals(good, disk.copyOut(home + "/state.json"), "still the last good state file");
                assertEquals(List.of("hookmeter.log", "state.json", "state.lock"), disk.list(home),
                        "no half-written temp file left to hold the space");
            }
            assertEquals(3.0, pushedCalls("full-disk"), "nothing is pushed that was not saved");

            CommandResult first = disk.run(freshHook, POST);
            assertSilent(first);
            assertOneClearLine(first, "No space left on device");
            assertFalse(disk.list(fresh).contains("state.json"), "no state file from nothing: " + disk.list(fresh));
            assertFalse(disk.list(fresh).contains("state.json.tmp"), disk.list(fresh).toString());

            assertEquals(0, disk.run("rm " + quote(mountPoint + "/filler"), null).exitCode());
            // The first event with space again meets a Pushgateway away for a moment: it is saved, and the push
            // failure is logged on a line of its own, not glued to the line the full disk cut short.
            CommandResult saved = disk.run(unreachable + hook, POST);
            assertSilent(saved);
            assertEquals("", saved.err(), "the log can be written again: " + saved);
            assertEquals(4, calls(disk.copyOut(home + "/state.json")),
                    "the three events with space and this one; the three on the full disk were dropped");
            String lastLine = disk.run("tail -n 1 " + quote(home + "/hookmeter.log"), null).out();
            assertTrue(lastLine.matches("\\d{4}-\\S+ pid \\d+ push to \\S+ failed .*\n"),
                    "a line of its own: ..." + lastLine.substring(Math.max(0, lastLine.length() - 300)));

            CommandResult pushed = disk.run(hook, POST);
            assertSilent(pushed);
            assertEquals("", pushed.err(), pushed.toString());
            Scrape scrape = Scrape.of(pushgateway.url(), "full-disk");
            assertEquals(5.0, pushedCalls("full-disk"), "the events saved, each once: " + scrape);
            assertEquals(5.0, scrape.value("hookmeter_hook_duration_seconds_count", "event", "PostToolUse"),
                    "each with its own hook run: " + scrape);

            assertSilent(disk.run(freshHook, POST));
            assertEquals(1.0, pushedCalls("full-disk-fresh"));
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
        assertSilent(servers.hookmeter(bytes(POST), env, "hook"));
        assertEquals(1.0, pushedCalls("read-only"));
        byte[] before = Files.readAllBytes(home.resolve("state.json"));
        List<String> files = list(home);

        List<String> command = root ? asNobody(dir, env) : List.of(Launchers.hookmeter().toString(), "hook");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString(root ? "rwxr-xr-x" : "r-xr-xr-x"));
        try {
            CommandResult readOnly = Commands.run(command, bytes(POST), env, dir, Duration.ofSeconds(60));
            assertSilent(readOnly);
            assertOneClearLine(readOnly, "permission denied");
            assertArrayEquals(before, Files.readAllBytes(home.resolve("state.json")), "state.json unchanged");
            assertEquals(files, list(home), "nothing created in the home");
            assertEquals(1.0, pushedCalls("read-only"), "nothing pushed that was not saved");

            Path missing = home.resolve("missing/home");
            env.put("HOOKMETER_HOME", missing.toString());
            CommandResult cannotCreate = Commands.run(command, bytes(POST), env, dir, Duration.ofSeconds(60));
            assertSilent(cannotCreate);
            assertOneClearLine(cannotCreate, "cannot create the Hookmeter home " + missing, "permission denied");
            assertFalse(Files.exists(home.resolve("missing")));
        } finally {
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void hooksKilledAtRandomMomentsNeverDamageTheStateNorCountAnEventHalfOrTwice() throws Exception {
        // Each push is held back a little on its way to the Pushgateway, so runs spend that time committed but not
        // done, holding the lock with others waiting for it: a random kill often lands in the middle of an update.
        try (SlowRelay relay = new SlowRelay(pushgateway.url(), Duration.ofMillis(50))) {
            HookRuns runs = new HookRuns(servers, relay.url(), "killed")
                    // Only SIGKILL ends a run early here: neither the deadline nor a slow push on a busy machine.
                    .config("deadline_ms=60000\npush.connect_timeout_ms=20000\npush.timeout_ms=20000\n");
            int parallel = 6;
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            try {
                // A first wave left alone says how long a run takes here, under this load; the kills then land
                // anywhere from before the JVM starts to after the push.
                List<Run> all = new ArrayList<>(runAll(pool, runs, Collections.nCopies(parallel, -1L)));
                long runMillis = all.stream().mapToLong(Run::millis).max().orElseThrow();
                Random random = new Random(7);
                List<Long> killAfterMillis = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    killAfterMillis.add((long) random.nextInt((int) runMillis * 5 / 4 + 1));
                }
                all.addAll(runAll(pool, runs, killAfterMillis));

                long completed = all.stream().filter(run -> run.exitCode() == 0).count();
                long killed = all.stream().filter(run -> run.exitCode() == 137).count();
                String tally = completed + " runs completed, " + killed + " killed (a run takes " + runMillis + " ms)";
                assertEquals(all.size(), completed + killed, "exit 0, or killed by SIGKILL: " + all);
                assertTrue(killed >= 6, "most random kills land before the run ends: " + tally);
                assertEquals(0, all.stream().mapToLong(Run::stdoutBytes).sum(), "never a byte on stdout: " + all);

                MetricsState state = new StateStore(runs.home, message -> { }).readOnly();
                long counted = state.family("hookmeter_tool_duration_seconds").find("Bash", "success", "main").count();
                assertTrue(counted >= completed && counted <= completed + killed,
                        counted + " events counted; a killed run counts wholly or not at all: " + tally);
                assertEquals(counted, state.family(io.hookmeter.hook.run.HookDuration.NAME).find("PostToolUse").count(),
                        "each counted event with its own hook run, in the same commit");
                assertEquals(0, ((CounterFamily) state.family("hookmeter_state_recoveries_total")).value(),
                        "the state file was never found damaged");

                runs.hook(POST);
                assertEquals((double) counted + 1, pushedCalls("killed"),
                        "no lock left held by a killed run: " + tally);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private record Run(int exitCode, long millis, long stdoutBytes) {
    }

    private static List<Run> runAll(ExecutorService pool, HookRuns runs, List<Long> killAfterMillis)
            throws Exception {
        Path stdouts = servers.directory("stdout");
        List<Future<Run>> started = new ArrayList<>();
        for (long killAfter : killAfterMillis) {
            started.add(pool.submit(() -> runAndMaybeKill(runs.env, killAfter, stdouts)));
        }
        List<Run> done = new ArrayList<>();
        for (Future<Run> run : started) {
            done.add(run.get());
        }
        return done;
    }

    /**
     * Runs the hook and SIGKILLs it after {@code killAfterMillis} (never when negative). The launcher waits for its
     * JVM rather than becoming it (so that it can exit 0 when the JVM cannot start), so the run gets a process group
     * of its own ({@code setsid}) and the kill goes to the whole group: the JVM doing the update dies with it.
     */
    private static Run runAndMaybeKill(Map<String, String> env, long killAfterMillis, Path stdouts)
            throws Exception {
        Path stdout = Files.createTempFile(stdouts, "stdout", "");
        ProcessBuilder builder = new ProcessBuilder(requireTool("setsid", "util-linux").toString(),
                Launchers.hookmeter().toString(), "hook")
                .redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(bytes(POST));
        } catch (IOException killedBeforeReading) {
            // The run died before it read its event: that is one of the moments under test.
        }
        if (killAfterMillis >= 0 && !process.waitFor(killAfterMillis, TimeUnit.MILLISECONDS)) {
            killGroup(process.pid());
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("a hook run hung");
        }
        return new Run(process.exitValue(), (System.nanoTime() - start) / 1_000_000, Files.size(stdout));
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

    /**
     * SIGKILL to every process of the group {@code setsid} made (its leader keeps the pid it was started with), in
     * one kill(2) of the group: procps' kill, since dash's built-in takes no negative pid.
     */
    private static void killGroup(long leader) throws Exception {
        Process kill = new ProcessBuilder(requireTool("kill", "procps").toString(), "-s", "KILL", "--", "-" + leader)
                .redirectErrorStream(true).start();
        kill.getInputStream().readAllBytes();  // "no such process" when the run ended just before: fine
        if (!kill.waitFor(10, TimeUnit.SECONDS)) {
            kill.destroyForcibly();
        }
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

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Single-quoted for sh. */
    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Passes every request on to the real Pushgateway after a delay, and its answer back. */
    private static final class SlowRelay implements AutoCloseable {
        private final HttpServer server;
        private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

        SlowRelay(String target, Duration delay) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                try (exchange) {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    Thread.sleep(delay.toMillis());
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                    String type = exchange.getRequestHeaders().getFirst("Content-Type");
                    if (type != null) {
                        request.header("Content-Type", type);
                    }
                    HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                    int length = answer.body().length;
                    exchange.sendResponseHeaders(answer.statusCode(), length == 0 ? -1 : length);
                    exchange.getResponseBody().write(answer.body());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
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
