package io.hookmeter.e2e;

import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import io.hookmeter.harness.Exposition;
import io.hookmeter.harness.Http;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.Servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs inside a fresh network namespace ({@link ClaudeCodeIT} starts it with {@code unshare -n}): refuses to go on
 * when any interface but loopback exists, then starts the fake Messages API and a real Pushgateway on loopback and
 * runs the real client: a scripted print-mode session (with command hooks, and again with http hooks), an
 * interactive session under tmux, a session of a named agent, and a run with the client's own telemetry exposed for
 * Prometheus. It leaves what the test checks in the output directory:
 * {@code pushgateway.txt} (Hookmeter's series), {@code telemetry.txt} (the client's metrics), each run's raw hook
 * payloads, fake API exchanges, screens and logs.
 *
 * <p>Usage: {@code InsideNamespace OUTPUT_DIR CLAUDE_BINARY}
 */
public final class InsideNamespace {
    private static final Duration HOOKS_SETTLE = Duration.ofSeconds(60);
    static final int TELEMETRY_PORT = 9464;
    static final int HTTP_AGENT_PORT = 19096;

    private final Path out;
    private final Path claude;
    private final String pushgateway;

    private InsideNamespace(Path out, Path claude, String pushgateway) {
        this.out = out;
        this.claude = claude;
        this.pushgateway = pushgateway;
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        Path claude = Path.of(args[1]);
        requireLoopbackOnly();
        try (Servers servers = new Servers()) {
            ManagedProcess gateway = servers.pushgateway();
            InsideNamespace runner = new InsideNamespace(out, claude, gateway.url());
            runner.printSession("print");
            runner.printSession("http");
            runner.terminalSession();
            runner.agentSession();
            runner.telemetry();
            Files.writeString(out.resolve("pushgateway.txt"), Http.getOk(gateway.url() + "/metrics"));
        }
        System.out.println("InsideNamespace: done");
        System.exit(0);
    }

    /** Only loopback may exist: the client must not be able to reach any other address. */
    static void requireLoopbackOnly() {
        // /sys/class/net shows the namespace sysfs was mounted in, not ours: ask the kernel through ip(8).
        CommandResult links = Commands.run(List.of("ip", "-o", "link", "show"), Duration.ofSeconds(10));
        String refusal = links.exitCode() != 0 ? "ip -o link show failed: " + links.err() : refusal(links.out());
        if (refusal != null) {
            System.err.println("InsideNamespace: refusing to run the client: " + refusal + "\n" + links.out());
            System.exit(3);
        }
    }

    /** Why {@code ip -o link show}'s output is not "only loopback, and up", or null when it is. */
    static String refusal(String ipLinks) {
        List<String> lines = ipLinks.lines().filter(line -> !line.isBlank()).toList();
        List<String> names = lines.stream()
                .map(line -> line.split(":\\s+", 3))
                .map(parts -> parts.length > 1 ? parts[1].replaceAll("@.*", "") : "?")
                .toList();
        if (!names.equals(List.of("lo"))) {
            return "interfaces " + names + " (only lo is allowed)";
        }
        return lines.get(0).matches(".*<[^>]*\\bUP\\b[^>]*>.*") ? null : "lo is not up";
    }

    /**
     * The scripted print-mode session; as "http" with {@code hookmeter install --http}, so that the client's http
     * hooks reach the agent's POST /hook (on a port of its own: no other run's agent may answer them).
     */
    private void printSession(String name) throws Exception {
        Path dir = out.resolve(name);
        try (FakeAnthropic api = new FakeAnthropic(null, dir.resolve("api"))) {
            ClaudeRun run = new ClaudeRun(name, out, claude, api.url(), pushgateway);
            SessionScript script = new SessionScript(run.project);
            api.script(script);
            if (name.equals("http")) {
                run.env("HOOKMETER_AGENT_ADDRESS", "127.0.0.1:" + HTTP_AGENT_PORT).prepare(true, "--http");
            } else {
                run.prepare(true);
            }
            CommandResult result = run.print(SessionScript.PROMPT, SessionScript.ALLOWED_TOOLS);
            check(result.exitCode() == 0, "claude -p exited " + result.exitCode() + ": " + result.err());
            settle(run);
            writeUsage(run, script);
        }
    }

    private void terminalSession() throws Exception {
        Path dir = out.resolve("terminal");
        TerminalScript replies = new TerminalScript();
        try (FakeAnthropic api = new FakeAnthropic(replies, dir.resolve("api"))) {
            ClaudeRun run = new ClaudeRun("terminal", out, claude, api.url(), pushgateway);
            telemetryOn(run);
            run.prepare(true);
            Path script = run.dir.resolve("start-claude.sh");
            String sh = "#!/bin/sh\ncd '" + run.project + "' || exit 1\nexec "
                    + run.claudeCommand(null, List.of("Bash(sh:*)")).stream()
                    .map(arg -> "'" + arg.replace("'", "'\\''") + "'").collect(Collectors.joining(" ")) + "\n";
            Files.writeString(script, sh);
            try (Tmux tmux = new Tmux("hookmeter-e2e-" + ProcessHandle.current().pid(), run.dir.resolve("screens.txt"))) {
                tmux.start(script);
                // Hookmeter's status line under the prompt ("<model> | $0.00 session | ...").
                tmux.await("the status line", () -> tmux.screen().contains(" session"), Duration.ofSeconds(60));
                tmux.type(TerminalScript.SLEEP + ": run a long command");
                tmux.await("the long Bash running", () -> seen(run, "PreToolUse") >= 1, Duration.ofSeconds(60));
                Thread.sleep(1500);
                tmux.key("Escape");
                tmux.awaitText("Interrupted", Duration.ofSeconds(30));
                tmux.type(TerminalScript.ASK + ": create a file");
                tmux.awaitText("Do you want to proceed?", Duration.ofSeconds(60));
                // "3" picks "No": at once, or (when the dialog was not ready for it) only moves the cursor there.
                tmux.key("3");
                String dialog = "Do you want to proceed?";
                String screen = tmux.await("No chosen", () -> tmux.screen().contains("❯ 3. No")
                        || !tmux.screen().contains(dialog), Duration.ofSeconds(10));
                if (screen.contains(dialog)) {
                    tmux.key("Enter");
                }
                // On a loaded machine the client can miss an Enter that arrives while it redraws the dialog: press it
                // again while "No" stays chosen on the screen (an Enter after the dialog closed submits nothing).
                tmux.await("the refusal", () -> {
                    String now = tmux.screen();
                    if (now.contains(dialog) && now.contains("❯ 3. No")) {
                        tmux.key("Enter");
                        sleepQuietly(2000);
                    }
                    return countOf(tmux.screen(), "Interrupted") >= 2;
                }, Duration.ofSeconds(45));
                tmux.type(TerminalScript.HELLO + ": say hello");
                tmux.awaitText("Hello there.", Duration.ofSeconds(60));
                tmux.await("the turn's Stop hook", () -> seen(run, "Stop") >= 1, Duration.ofSeconds(30));
                // The client's own metrics after whole turns (active time is counted when a turn ends).
                Files.writeString(out.resolve("telemetry-terminal.txt"), scrapeTelemetry("claude_code_active_time"));
                tmux.type("/exit");
                tmux.await("the client's exit", () -> !tmux.alive(), Duration.ofSeconds(30));
            }
            settle(run);
            writeUsage(run, replies);
        }
    }

    private void agentSession() throws Exception {
        try (FakeAnthropic api = new FakeAnthropic(new AgentScript(), out.resolve("agent").resolve("api"))) {
            ClaudeRun run = new ClaudeRun("agent", out, claude, api.url(), pushgateway);
            run.prepare(true);
            Path agents = Files.createDirectories(run.project.resolve(".claude/agents"));
            Files.writeString(agents.resolve(AgentScript.AGENT + ".md"), AgentScript.DEFINITION);
            CommandResult result = run.print(AgentScript.PROMPT, AgentScript.ALLOWED_TOOLS, "--agent",
                    AgentScript.AGENT);
            check(result.exitCode() == 0, "claude --agent exited " + result.exitCode() + ": " + result.err());
            settle(run);
        }
    }

    private void telemetry() throws Exception {
        Path dir = out.resolve("telemetry");
        Files.createDirectories(dir);
        try (FakeAnthropic api = new FakeAnthropic(null, dir.resolve("api"))) {
            ClaudeRun run = new ClaudeRun("telemetry", out, claude, api.url(), pushgateway);
            telemetryOn(run);
            TelemetryScript script = new TelemetryScript(run.project);
            api.script(script);
            run.prepare(false);
            Thread client = new Thread(() -> {
                try {
                    run.print(TelemetryScript.PROMPT, TelemetryScript.ALLOWED_TOOLS);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            client.start();
            check(script.awaitWork(90), "the telemetry run never got to its last answer");
            Files.writeString(out.resolve("telemetry.txt"), scrapeTelemetry("claude_code_commit_count"));
            script.scrapeDone();
            client.join(60_000);
        }
    }

    /** The client's own metrics, exposed for Prometheus on its default port 9464. */
    private static void telemetryOn(ClaudeRun run) {
        run.env("CLAUDE_CODE_ENABLE_TELEMETRY", "1").env("OTEL_METRICS_EXPORTER", "prometheus");
    }

    /** Scrapes the client's endpoint until {@code expected} shows (10 s at most); returns the last good scrape. */
    private static String scrapeTelemetry(String expected) throws InterruptedException {
        String metrics = "";
        for (int i = 0; i < 50 && !metrics.contains(expected); i++) {
            try {
                var response = Http.get("http://127.0.0.1:" + TELEMETRY_PORT + "/metrics");
                metrics = response.statusCode() == 200 ? response.body() : metrics;
            } catch (RuntimeException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        return metrics;
    }

    /**
     * Waits until Hookmeter has applied every event of the run: one hook run per event Hookmeter installed, which
     * the raw-payload copy counts. Async hooks may still run after the client exited. Should hook runs stop being
     * counted one per event, it settles once the run's series have not changed for three polls in a row, and the
     * exact checks tell what is missing.
     */
    private void settle(ClaudeRun run) throws Exception {
        long deadline = System.nanoTime() + HOOKS_SETTLE.toNanos();
        String last = "";
        String previous = null;
        int unchanged = 0;
        for (int poll = 1; System.nanoTime() < deadline; poll++) {
            CommandResult push = run.hookmeter("push");
            Exposition metrics = Exposition.parse(Http.getOk(pushgateway + "/metrics"));
            Map<String, String> instance = Map.of("instance", "e2e-" + run.name);
            double applied = metrics.sum("hookmeter_hook_duration_seconds_count", instance);
            int expected = run.eventCounts().values().stream().mapToInt(Integer::intValue).sum();
            String series = metrics.all().stream()
                    .filter(s -> instance.get("instance").equals(s.labels().get("instance"))
                            && !s.name().startsWith("push_") && !s.name().startsWith("hookmeter_push"))
                    .map(Object::toString).collect(Collectors.joining("\n"));
            unchanged = series.equals(previous) ? unchanged + 1 : 0;
            previous = series;
            last = "poll " + poll + ": push exit " + push.exitCode() + ", hook runs applied " + applied + " of "
                    + expected + " events " + run.eventCounts();
            if (push.exitCode() == 0 && (applied >= expected || unchanged >= 3)) {
                Files.writeString(run.dir.resolve("settled.txt"), last + "\n");
                // The run's agent (started by its first hook) has nothing left to do; its home is kept for a look.
                run.hookmeter("agent", "stop");
                return;
            }
            Thread.sleep(500);
        }
        Files.writeString(run.dir.resolve("settled.txt"), "NOT SETTLED: " + last + "\n");
    }

    /** What the fake API answered to the run's prompts: what its transcript holds, one line per reply. */
    private static void writeUsage(ClaudeRun run, MarkedScript script) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (FakeAnthropic.Usage usage : script.usages()) {
            lines.append(usage.input()).append(' ').append(usage.output()).append(' ')
                    .append(usage.cacheCreation()).append(' ').append(usage.cacheRead()).append('\n');
        }
        Files.writeString(run.dir.resolve("usage.txt"), lines.toString());
    }

    /** A pause inside a condition, which cannot throw InterruptedException (the flag is kept). */
    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int countOf(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static int seen(ClaudeRun run, String event) {
        try {
            return run.eventCounts().getOrDefault(event, 0);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
