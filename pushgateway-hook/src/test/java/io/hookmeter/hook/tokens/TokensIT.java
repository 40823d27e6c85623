package io.hookmeter.hook.tokens;

import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.FreePorts;
import io.hookmeter.harness.Http;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Transcript to Pushgateway through the real launcher: Stop and SubagentStop hooks read the fixture transcripts,
 * the real Pushgateway holds the exact totals, and the status line shows today's cost from the same state.
 */
@ExtendWith(RealServers.class)
class TokensIT {
    @Test
    void hooksPushExactTokenTotalsAndTheStatusLineShowsTodaysCost(Servers servers) throws Exception {
        ManagedProcess pushgateway = servers.pushgateway();
        Path home = servers.directory("home");
        Path projects = servers.directory("projects");
        Path main = copy("main.jsonl", projects.resolve("s1.jsonl"));
        Path agent = copy("main/subagents/agent-a1.jsonl", projects.resolve("s1/subagents/agent-a1.jsonl"));
        Map<String, String> env = Map.of("HOOKMETER_HOME", home.toString(), "HOOKMETER_PUSHGATEWAY_URL",
                pushgateway.url(), "HOOKMETER_INSTANCE", "tokens-it", "HOOKMETER_ALERTMANAGER_URL",
                "http://127.0.0.1:" + FreePorts.next(), "NO_COLOR", "1", "COLUMNS", "200");

        hook(servers, env, "{\"hook_event_name\":\"Stop\",\"session_id\":\"s1\",\"transcript_path\":\"" + main
                + "\",\"stop_hook_active\":false}");
        hook(servers, env, "{\"hook_event_name\":\"SubagentStop\",\"session_id\":\"s1\",\"transcript_path\":\""
                + main + "\",\"agent_id\":\"a1\",\"agent_type\":\"Explore\",\"agent_transcript_path\":\"" + agent
                + "\"}");
        hook(servers, env, "{\"hook_event_name\":\"Stop\",\"session_id\":\"s1\",\"transcript_path\":\"" + main
                + "\",\"stop_hook_active\":false}");

        CommandResult push = servers.hookmeter(new byte[0], env, "push");
        assertEquals(0, push.exitCode(), push.toString());
        String metrics = Http.getOk(pushgateway.url() + "/metrics");
        assertEquals(105, sample(metrics, "hookmeter_tokens_total", "claude-opus-4-5-20251101", "input"));
        assertEquals(1000, sample(metrics, "hookmeter_tokens_total", "claude-opus-4-5-20251101", "cache_read"));
        assertEquals(2020, sample(metrics, "hookmeter_tokens_total", "claude-haiku-4-5-20251001", "input"));
        assertEquals(3000, sample(metrics, "hookmeter_tokens_total", "claude-sonnet-4-5", "cache_creation"));
        assertEquals(2, sample(metrics, "hookmeter_api_requests_total", "claude-opus-4-5-20251101", null));
        assertEquals(0.00602, sample(metrics, "hookmeter_cost_usd_total", "claude-haiku-4-5-20251001", null), 1e-12);
        assertEquals(0.01878, sample(metrics, "hookmeter_cost_usd_total", "claude-sonnet-4-5", null), 1e-12);
        assertEquals(600, sample(metrics, "hookmeter_unpriced_tokens_total", "claude-mystery-9", null));

        CommandResult report = servers.hookmeter(new byte[0], env, "report", "--since", "24h");
        assertEquals(0, report.exitCode(), report.toString());
        assertTrue(report.out().contains("Tokens and cost per model, last 24h:"), report.out());
        assertTrue(report.out().lines().anyMatch(l -> l.matches("claude-haiku-4-5-20251001 +2020 +700 +400 +0 +2 +0\\.0060")),
                report.out());
        CommandResult json = servers.hookmeter(new byte[0], env, "report", "--json", "--since", "7d");
        assertEquals(0, json.exitCode(), json.toString());
        assertTrue(json.out().contains("\"model\" : \"claude-mystery-9\""), json.out());
        assertEquals(2, servers.hookmeter(new byte[0], env, "report", "--since", "9d").exitCode(), "8 days are kept");

        // The status line comes from the agent the hooks started; it follows the state the push committed.
        CommandResult line = null;
        for (int i = 0; i < 100 && (line == null || !line.out().contains("today")); i++) {
            if (line != null) {
                Thread.sleep(100);
            }
            line = servers.hookmeter("{\"model\":{\"display_name\":\"Opus 4.5\"}}".getBytes(StandardCharsets.UTF_8),
                    env, "statusline");
        }
        // 0.023325 from the main transcript + 0.004 from the subagent
        assertEquals("Opus 4.5 | $0.03 today | alerts ?\n", line.out(), line.toString());
    }

    private static void hook(Servers servers, Map<String, String> env, String event) {
        CommandResult result = servers.hookmeter(event.getBytes(StandardCharsets.UTF_8), env, "hook");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("", result.out(), "a hook never writes to stdout");
    }

    /** The value of our group's sample with this model (and type), from the Pushgateway's text exposition. */
    private static double sample(String metrics, String name, String model, String type) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") && line.contains("instance=\"tokens-it\"")
                    && line.contains("model=\"" + model + "\"") && (type == null || line.contains("type=\"" + type + "\""))) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no " + name + " for " + model + "/" + type + " in:\n" + metrics);
    }

    private static Path copy(String fixture, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = TokensIT.class.getResourceAsStream("/transcripts/" + fixture)) {
            return Files.write(target, in.readAllBytes());
        }
    }
}
