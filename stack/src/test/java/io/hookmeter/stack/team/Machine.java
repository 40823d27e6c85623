package io.hookmeter.stack.team;

import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Http;
import io.hookmeter.harness.Servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One simulated developer machine: its own Hookmeter home, user and instance, events handed to the real
 * {@code hookmeter hook}, and the resident agent that hook starts on a free loopback port.
 */
final class Machine {
    final String user;
    final String instance;
    final Path home;
    private final Servers servers;
    private int events;

    Machine(Servers servers, String user, String instance) {
        this.servers = servers;
        this.user = user;
        this.instance = instance;
        this.home = servers.directory(instance);
    }

    /** The hook's environment: the JVM's user.name is the agent's user label; no Pushgateway on a team machine. */
    Map<String, String> env() {
        return Map.of("HOOKMETER_HOME", home.toString(), "HOOKMETER_INSTANCE", instance,
                "HOOKMETER_JAVA_OPTS", "-Duser.name=" + user, "HOOKMETER_PUSH_ENABLED", "false",
                "HOOKMETER_AGENT_ADDRESS", "127.0.0.1:0");
    }

    /** A tool call Claude Code reports: PostToolUse, or PostToolUseFailure with a shell's exit code. */
    void toolCall(String tool, boolean success) {
        toolCall(tool, success, null);
    }

    /** The same, from a session working in {@code cwd} (null: an event without cwd). */
    void toolCall(String tool, boolean success, Path cwd) {
        String where = cwd == null ? "" : ",\"cwd\":\"" + cwd.toString().replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"";
        String event = success
                ? "{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"" + tool + "\",\"tool_use_id\":\"t"
                        + events + "\",\"duration_ms\":" + (40 + events) + where + "}"
                : "{\"hook_event_name\":\"PostToolUseFailure\",\"tool_name\":\"" + tool + "\",\"tool_use_id\":\"t"
                        + events + "\",\"duration_ms\":25,\"error\":\"Exit code 1\"" + where + "}";
        CommandResult result = servers.hookmeter(event.getBytes(StandardCharsets.UTF_8), env(), "hook");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("", result.out(), "a hook prints nothing");
        events++;
    }

    /** The address the agent really listens on, once it wrote it. */
    String agentUrl(Duration timeout) {
        Path file = home.resolve("agent.address");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(home.resolve("agent.pid")) && Files.exists(file)) {
                    return "http://" + Files.readString(file).strip();
                }
                Thread.sleep(100);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no agent started in " + home);
    }

    /** Waits until the agent has applied every event handed over so far (its own /metrics says so). */
    void awaitApplied(Duration timeout) {
        String url = agentUrl(timeout) + "/metrics";
        long deadline = System.nanoTime() + timeout.toNanos();
        double applied = -1;
        while (System.nanoTime() < deadline) {
            applied = Http.getOk(url).lines()
                    .filter(l -> l.startsWith("hookmeter_events_applied_total{") && l.contains("kind=\"hook\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            if (applied == events) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(instance + ": the agent applied " + applied + " of " + events + " events");
    }
}
