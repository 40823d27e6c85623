package io.hookmeter.hook.agent;

import io.hookmeter.harness.Binaries;
import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import io.hookmeter.harness.Launchers;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The resident agent as a user meets it, through the real launcher, against the real Pushgateway: the hook's POSIX
 * fast path under dash and busybox, events that waited a whole session for an agent, a corrupt spool file, the
 * spool's bound, the HTTP endpoints, idle exit and restart.
 */
@ExtendWith(RealServers.class)
class AgentIT {
    private static final String POST = "{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Bash\","
            + "\"tool_use_id\":\"x\",\"duration_ms\":30}";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Servers servers;
    private static ManagedProcess pushgateway;

    @BeforeAll
    static void start(Servers shared) {
        servers = shared;
        pushgateway = shared.pushgateway("--persistence.file=");
    }

    /** A home of its own; the agent only when a test starts it. */
    private static Map<String, String> env(String instance) {
        Map<String, String> env = new HashMap<>();
        env.put("HOOKMETER_HOME", servers.directory("home-" + instance).toString());
        env.put("HOOKMETER_PUSHGATEWAY_URL", pushgateway.url());
        env.put("HOOKMETER_INSTANCE", instance);
        env.put("HOOKMETER_AGENT_ADDRESS", "127.0.0.1:0");
        env.put("HOOKMETER_AGENT_AUTOSTART", "false");
        return env;
    }

    private static Path home(Map<String, String> env) {
        return Path.of(env.get("HOOKMETER_HOME"));
    }

    private static CommandResult hookmeter(Map<String, String> env, String stdin, String... args) {
        return servers.hookmeter(stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8), env, args);
    }

    private static void hook(Map<String, String> env, String event) {
        CommandResult result = hookmeter(env, event, "hook");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("", result.out());
    }

    /** The Bash success count in the agent's own /metrics. */
    private static double agentCount(Map<String, String> env) {
        String metrics;
        try {
            metrics = get(env, "/metrics").body();
        } catch (AssertionError notUpYet) {
            return -1;
        }
        return metrics.lines().filter(line -> line.startsWith("hookmeter_tool_duration_seconds_count{")
                        && line.contains("tool=\"Bash\"") && line.contains("outcome=\"success\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static HttpResponse<String> get(Map<String, String> env, String path) {
        return send(env, HttpRequest.newBuilder(uri(env, path)).GET());
    }

    private static HttpResponse<String> send(Map<String, String> env, HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static URI uri(Map<String, String> env, String path) {
        try {
            return URI.create("http://" + Files.readString(home(env).resolve("agent.address")).strip() + path);
        } catch (IOException e) {
            throw new AssertionError("no agent.address", e);
        }
    }

    private static void startAgent(Map<String, String> env) {
        CommandResult start = hookmeter(env, null, "agent", "start");
        assertEquals(0, start.exitCode(), start.toString());
        assertTrue(start.out().startsWith("agent: running, pid "), start.out());
    }

    /** Waits (bounded) until {@code value} gives {@code expected}: what the agent does by itself, in its time. */
    private static <T> T eventually(Supplier<T> value, T expected) throws InterruptedException {
        T last = value.get();
        for (int i = 0; i < 300 && !expected.equals(last); i++) {
            Thread.sleep(100);
            last = value.get();
        }
        return last;
    }

    private static long files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.count();
        }
    }

    /**
     * With http hooks (install --http) SessionStart's command hook is {@code hook --await-agent}: when it exits the
     * agent listens, so the session's first http hook (UserPromptSubmit, a moment later) is not refused. The real
     * client's was, before: "connect ECONNREFUSED", and that prompt was lost uncounted.
     */
    @Test
    void sessionStartsHookWithAwaitAgentReturnsOnceTheAgentListens() throws Exception {
        Map<String, String> env = env("await-agent");
        env.remove("HOOKMETER_AGENT_AUTOSTART");
        CommandResult sessionStart = hookmeter(env, "{\"hook_event_name\":\"SessionStart\",\"source\":\"startup\"}",
                "hook", "--await-agent");
        assertEquals(0, sessionStart.exitCode(), sessionStart.toString());
        assertEquals("", sessionStart.out());
        HttpResponse<String> prompt = send(env, HttpRequest.newBuilder(uri(env, "/hook"))
                .POST(HttpRequest.BodyPublishers.ofString(POST)));
        assertEquals(204, prompt.statusCode(), "the agent listened when SessionStart's hook exited");
        assertEquals(0, hookmeter(env, null, "push").exitCode());
        assertEquals(1.0, agentCount(env));
        assertEquals(0, hookmeter(env, null, "agent", "stop").exitCode());
    }

    @Test
    void theFastPathRunsUnderDashAndBusyboxAndEveryEventCountsOnce() throws Exception {
        Map<String, String> env = env("shells");
        String launcher = Launchers.hookmeter().toString();
        for (String shell : List.of("dash", "busybox")) {
            Path binary = Binaries.find(List.of(shell)).orElseThrow(() -> new AssertionError(shell
                    + " not found: apt-get install -y " + (shell.equals("dash") ? "dash" : "busybox-static")));
            List<String> command = shell.equals("busybox") ? List.of(binary.toString(), "sh", launcher, "hook")
                    : List.of(binary.toString(), launcher, "hook");
            for (int i = 0; i < 5; i++) {
                CommandResult result = Commands.run(command, POST.getBytes(StandardCharsets.UTF_8), env, null,
                        Duration.ofSeconds(30));
                assertEquals(0, result.exitCode(), shell + ": " + result);
                assertEquals("", result.out(), shell);
                assertEquals("", result.err(), shell);
            }
        }
        try (Stream<Path> spooled = Files.list(home(env).resolve("spool/new"))) {
            assertTrue(spooled.allMatch(f -> f.getFileName().toString().matches("[0-9]{19}-[0-9]+\\.hook")),
                    "names that sort in arrival order");
        }
        assertEquals(0, hookmeter(env, null, "push").exitCode());
        String metrics = Http.get(pushgateway.url());
        assertTrue(metrics.contains("hookmeter_tool_duration_seconds_count{agent=\"main\",instance=\"shells\","
                + "job=\"hookmeter\",outcome=\"success\",tool=\"Bash\",user=\"" + System.getProperty("user.name")
                + "\"} 10"), metrics);
    }

    @Test
    void eventsOfAWholeSessionWithoutAnAgentAreAppliedWhenItStarts() throws Exception {
        Map<String, String> env = env("late-agent");
        for (int i = 0; i < 30; i++) {
            hook(env, POST);
        }
        assertEquals(30, files(home(env).resolve("spool/new")));
        startAgent(env);
        assertEquals(30.0, eventually(() -> agentCount(env), 30.0), "applied by the agent, no push command");
        assertEquals(0, eventually(() -> {
            try {
                return files(home(env).resolve("spool/new"));
            } catch (IOException e) {
                return -1L;
            }
        }, 0L));
        // Pushed by the agent within a second or so of its batch, again without a push command.
        assertTrue(eventually(() -> Http.get(pushgateway.url()).contains("instance=\"late-agent\""), true));
    }

    @Test
    void aCorruptSpoolFileIsMovedAsideCountedAndNeverBlocksTheQueue() throws Exception {
        Map<String, String> env = env("corrupt");
        hook(env, POST);
        Path incoming = home(env).resolve("spool/new");
        Files.writeString(incoming.resolve(String.format("%019d-1.hook", System.currentTimeMillis() * 1_000_000L)),
                "{\"hook_event_name\":\"PostToolUse\",\"tool_na");
        Files.write(incoming.resolve(String.format("%019d-2.hook", System.currentTimeMillis() * 1_000_000L + 1)),
                new byte[] {(byte) 0xff, 0, 1, 2});
        hook(env, POST);
        assertEquals(0, hookmeter(env, null, "push").exitCode());
        String metrics = Http.get(pushgateway.url());
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("hookmeter_tool_duration_seconds_count{")
                && line.contains("instance=\"corrupt\"") && line.endsWith(" 2")), metrics);
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("hookmeter_events_rejected_total{")
                && line.contains("instance=\"corrupt\"") && line.contains("reason=\"malformed_json\"")
                && line.endsWith(" 2")), metrics);
        assertEquals(2, files(home(env).resolve("spool/bad")), "kept for a look, out of the queue");
        assertEquals(0, files(incoming));
    }

    @Test
    void pastTheSpoolsBoundHooksDropAndCountUntilThereIsRoomAgain() throws Exception {
        Map<String, String> env = env("bound");
        env.put("HOOKMETER_SPOOL_MAX_EVENTS", "5");
        // No agent can start (a heap no JVM accepts): the launcher's start keeps the bound in its place.
        env.put("HOOKMETER_JAVA_OPTS", "-Xmx1k");
        for (int i = 0; i < 5; i++) {
            hook(env, POST);
        }
        CommandResult start = hookmeter(env, null, "agent", "start");
        assertEquals(1, start.exitCode(), start.toString());
        assertTrue(Files.exists(home(env).resolve("spool/full")), "the bound is marked");
        for (int i = 0; i < 3; i++) {
            CommandResult dropped = hookmeter(env, POST, "hook");
            assertEquals(0, dropped.exitCode());
            assertEquals("", dropped.out());
        }
        assertEquals(5, files(home(env).resolve("spool/new")), "nothing past the bound");
        assertEquals(3, files(home(env).resolve("spool/dropped")), "each drop leaves a count");
        assertTrue(Files.readString(home(env).resolve("hookmeter.log")).contains("hook event dropped (spool_full)"));

        env.remove("HOOKMETER_JAVA_OPTS");
        assertEquals(0, hookmeter(env, null, "push").exitCode());
        String metrics = Http.get(pushgateway.url());
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("hookmeter_events_dropped_total{")
                && line.contains("instance=\"bound\"") && line.contains("reason=\"spool_full\"")
                && line.endsWith(" 3")), metrics);
        assertFalse(Files.exists(home(env).resolve("spool/full")), "room again once applied");
        hook(env, POST);
        assertEquals(1, files(home(env).resolve("spool/new")), "taken again");
    }

    @Test
    void theHttpEndpointsAnswerAsDocumented() throws Exception {
        Map<String, String> env = env("endpoints");
        startAgent(env);
        assertEquals(200, get(env, "/-/healthy").statusCode());
        assertEquals(200, eventually(() -> get(env, "/-/ready").statusCode(), 200));
        HttpResponse<String> hook = send(env, HttpRequest.newBuilder(uri(env, "/hook"))
                .POST(HttpRequest.BodyPublishers.ofString(POST)));
        assertEquals(204, hook.statusCode());
        assertEquals("", hook.body());
        assertEquals(405, get(env, "/hook").statusCode(), "GET /hook is not a thing");
        assertEquals(1.0, eventually(() -> agentCount(env), 1.0));
        String metrics = get(env, "/metrics").body();
        assertTrue(metrics.contains("hookmeter_tool_duration_seconds_count{instance=\"endpoints\",job=\"hookmeter\","
                + "user=\"" + System.getProperty("user.name") + "\",agent=\"main\",outcome=\"success\",tool=\"Bash\"} 1"),
                "the pushed group with its grouping labels: " + metrics);
        assertTrue(metrics.contains("# TYPE hookmeter_spool_depth gauge"), metrics);
        String status = get(env, "/-/status").body();
        assertTrue(status.contains("\"pid\":") && status.contains("\"spool_depth\":0"), status);
        HttpResponse<String> line = send(env, HttpRequest.newBuilder(uri(env, "/statusline?color=0&columns=200"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":{\"display_name\":\"Sonnet\"}}")));
        assertEquals(200, line.statusCode());
        assertEquals("Sonnet | alerts ?\n", line.body());

        CommandResult status3 = hookmeter(env, null, "agent", "status");
        assertEquals(0, status3.exitCode(), status3.toString());
        assertEquals(0, hookmeter(env, null, "agent", "stop").exitCode());
        assertEquals(AgentCommand.NOT_RUNNING, hookmeter(env, null, "agent", "status").exitCode());
        assertFalse(Files.exists(home(env).resolve("agent.pid")), "a stopped agent cleans up after itself");
    }

    @Test
    void anIdleAgentExitsAndTheNextHookStartsItAgain() throws Exception {
        Map<String, String> env = env("idle");
        env.put("HOOKMETER_AGENT_IDLE_EXIT_SECONDS", "2");
        env.remove("HOOKMETER_AGENT_AUTOSTART");
        hook(env, POST);
        assertEquals(0, eventually(() -> hookmeter(env, null, "agent", "status").exitCode(), 0),
                "the hook started it");
        assertEquals(AgentCommand.NOT_RUNNING, eventually(() -> hookmeter(env, null, "agent", "status").exitCode(),
                AgentCommand.NOT_RUNNING), "gone after 2 idle seconds");
        assertTrue(Files.readString(home(env).resolve("hookmeter.log")).contains("idle for 2 s, exiting"));
        hook(env, POST);
        assertEquals(0, eventually(() -> hookmeter(env, null, "agent", "status").exitCode(), 0), "started again");
        assertEquals(2.0, eventually(() -> agentCount(env), 2.0));
    }

    /**
     * The turn's final response can reach the transcript after the Stop hook fired (seen with the real client): the
     * agent reads the session's transcript once more a little later, without any new event.
     */
    @Test
    void aResponseWrittenAfterStopIsCountedByTheSecondReading() throws Exception {
        Map<String, String> env = env("reread");
        env.put("HOOKMETER_AGENT_TRANSCRIPT_REREAD_MS", "500");
        Path transcript = home(env).resolve("session.jsonl");
        Files.writeString(transcript, assistant("msg_1", 100));
        startAgent(env);
        hook(env, "{\"hook_event_name\":\"Stop\",\"session_id\":\"s1\",\"transcript_path\":\"" + transcript + "\"}");
        assertEquals(100.0, eventually(() -> inputTokens(env), 100.0), "read at Stop");
        Files.writeString(transcript, assistant("msg_2", 50), java.nio.file.StandardOpenOption.APPEND);
        assertEquals(150.0, eventually(() -> inputTokens(env), 150.0), "and once more after it");
    }

    private static String assistant(String id, int inputTokens) {
        return "{\"type\":\"assistant\",\"isSidechain\":false,\"requestId\":\"req_" + id + "\",\"message\":{\"id\":\""
                + id + "\",\"model\":\"claude-opus-4-5\",\"usage\":{\"input_tokens\":" + inputTokens
                + ",\"output_tokens\":1}}}\n";
    }

    private static double inputTokens(Map<String, String> env) {
        try {
            return get(env, "/metrics").body().lines().filter(line -> line.startsWith("hookmeter_tokens_total{")
                            && line.contains("type=\"input\""))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        } catch (AssertionError notUpYet) {
            return -1;
        }
    }

    /** What the status line posts (quota, lines changed) becomes metrics with the agent's next batch. */
    @Test
    void statusLineInputsBecomeQuotaAndLinesMetrics() throws Exception {
        Map<String, String> env = env("status-metrics");
        startAgent(env);
        String status = "{\"session_id\":\"s1\",\"model\":{\"display_name\":\"Opus\"},\"cost\":{\"total_lines_added\":%d,"
                + "\"total_lines_removed\":3},\"rate_limits\":{\"five_hour\":{\"used_percentage\":42,"
                + "\"resets_at\":" + (System.currentTimeMillis() / 1000 + 3600) + "}}}"; // a window that has not reset
        for (int added : new int[] {10, 10, 25}) {
            HttpResponse<String> line = send(env, HttpRequest.newBuilder(uri(env, "/statusline?color=0"))
                    .POST(HttpRequest.BodyPublishers.ofString(String.format(status, added))));
            assertEquals(200, line.statusCode());
        }
        hook(env, POST); // a batch now, rather than within the 10 s a status line may wait
        Supplier<String> metrics = () -> {
            try {
                return get(env, "/metrics").body();
            } catch (AssertionError notUpYet) {
                return "";
            }
        };
        assertTrue(eventually(() -> metrics.get().contains("hookmeter_lines_of_code_total{instance=\"status-metrics\","
                + "job=\"hookmeter\",user=\"" + System.getProperty("user.name") + "\",type=\"added\"} 25.0"), true),
                metrics.get());
        assertTrue(metrics.get().contains("type=\"removed\"} 3.0"), "the running totals, counted once");
        assertTrue(metrics.get().lines().anyMatch(l -> l.startsWith("hookmeter_rate_limit_used_ratio{")
                && l.contains("window=\"five_hour\"") && l.endsWith(" 0.42")), metrics.get());
    }

    /** The Pushgateway's /metrics. */
    private static final class Http {
        static String get(String base) {
            return send(Map.of(), HttpRequest.newBuilder(URI.create(base + "/metrics")).GET()).body();
        }
    }
}
