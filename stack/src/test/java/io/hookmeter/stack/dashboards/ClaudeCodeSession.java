package io.hookmeter.stack.dashboards;

import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Servers;
import io.hookmeter.hook.state.StateStore;
import io.hookmeter.hook.statusline.StatusInput;
import io.hookmeter.hook.statusline.StatusLineMetrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A scripted Claude Code session played through the real {@code hookmeter hook}: one hook event JSON per call, as
 * Claude Code sends them (docs/design.md#claude-code-facts), covering every event type the dashboards show.
 */
final class ClaudeCodeSession {
    static final String INSTANCE = "dash-host";
    private final Servers servers;
    private final Map<String, String> env = new HashMap<>(BuiltJars.launcherEnv());
    private final Path home;
    private final Path transcript;
    private final Path subagentTranscript;
    private int toolUse;
    private int message;

    ClaudeCodeSession(Servers servers, String pushgatewayUrl) {
        this.servers = servers;
        home = servers.directory("hookmeter-home");
        env.put("HOOKMETER_HOME", home.toString());
        env.put("HOOKMETER_PUSHGATEWAY_URL", pushgatewayUrl);
        env.put("HOOKMETER_INSTANCE", INSTANCE);
        transcript = home.resolve("session.jsonl");
        subagentTranscript = home.resolve("session/subagents/agent-a1.jsonl");
    }

    /** Everything a working session does: tools that succeed, fail and are denied, prompts, turns, tokens. */
    void work() {
        // An earlier, short session: the session length histogram exists before the one below ends.
        run("{\"session_id\": \"s-0\", \"hook_event_name\": \"SessionStart\", \"source\": \"startup\"}");
        run("{\"session_id\": \"s-0\", \"hook_event_name\": \"SessionEnd\", \"reason\": \"clear\"}");
        event("SessionStart", "\"source\": \"startup\", \"model\": \"claude-sonnet-4-5-20250929\"");
        statusLine(20, 35, 10, 2);
        event("UserPromptSubmit", "\"prompt\": \"fix the build\"");
        tool("PostToolUse", "Bash", "{\"command\": \"git status\"}", "\"tool_response\": {}, \"duration_ms\": 140");
        tool("PostToolUse", "Read", "{\"file_path\": \"/src/Main.java\"}", "\"tool_response\": {}, \"duration_ms\": 4");
        tool("PostToolUse", "Edit", "{\"file_path\": \"/src/Main.java\"}", "\"tool_response\": {}, \"duration_ms\": 9");
        tool("PostToolUseFailure", "Bash", "{\"command\": \"mvn test\"}",
                "\"error\": \"Exit code 1\\nBUILD FAILURE\", \"duration_ms\": 2300");
        tool("PostToolUseFailure", "Bash", "{\"command\": \"sleep 100\"}",
                "\"error\": \"interrupted\", \"is_interrupt\": true, \"duration_ms\": 700");
        // Interrupted before Claude Code measured it: no duration_ms, no PreToolUse seen.
        tool("PostToolUseFailure", "Bash", "{\"command\": \"npm install\"}", "\"error\": \"interrupted\", "
                + "\"is_interrupt\": true");
        tool("PermissionRequest", "WebFetch", "{\"url\": \"https://example.com\"}", "\"permission_suggestions\": []");
        tool("PermissionDenied", "WebFetch", "{\"url\": \"https://example.com\"}", "\"reason\": \"denied by rule\"");
        event("Notification", "\"message\": \"Claude needs your permission\", \"notification_type\": \"permission_prompt\"");
        event("SubagentStart", "\"agent_id\": \"a1\", \"agent_type\": \"Explore\"");
        subagentMessage("claude-haiku-4-5-20251001", 900, 120);
        event("SubagentStop", "\"stop_hook_active\": false, \"agent_id\": \"a1\", \"agent_type\": \"Explore\", "
                + "\"agent_transcript_path\": \"" + subagentTranscript + "\"");
        event("PreCompact", "\"trigger\": \"auto\", \"custom_instructions\": \"\"");
        assistantMessage("claude-sonnet-4-5-20250929", 1200, 350, 4000, 20000);
        assistantMessage("claude-haiku-4-5-20251001", 300, 80, 0, 1500);
        event("Stop", "\"stop_hook_active\": false");
        event("StopFailure", "\"error\": \"rate_limit\"");
        pushed();
    }

    /** More of the same later, so that rates are not zero. */
    void more() {
        statusLine(30, 36, 40, 5);
        tool("PostToolUse", "Bash", "{\"command\": \"git commit -m x\"}", "\"tool_response\": {}, \"duration_ms\": 380");
        // Enough Bash calls for the error ratio panels' minimum volume (10 calls in the window).
        for (int i = 0; i < 10; i++) {
            tool("PostToolUse", "Bash", "{\"command\": \"git diff\"}", "\"tool_response\": {}, \"duration_ms\": 30");
        }
        tool("PermissionRequest", "Bash", "{\"command\": \"rm -rf build\"}", "\"permission_suggestions\": []");
        event("SubagentStart", "\"agent_id\": \"a2\", \"agent_type\": \"Explore\"");
        subagentMessage("claude-haiku-4-5-20251001", 400, 60);
        event("SubagentStop", "\"stop_hook_active\": false, \"agent_id\": \"a2\", \"agent_type\": \"Explore\", "
                + "\"agent_transcript_path\": \"" + subagentTranscript + "\"");
        tool("PostToolUse", "Grep", "{\"pattern\": \"TODO\"}", "\"tool_response\": {}, \"duration_ms\": 60");
        // An older Claude Code without duration_ms: no PreToolUse seen, so the call is counted as unmeasured.
        tool("PostToolUse", "Glob", "{\"pattern\": \"**/*.java\"}", "\"tool_response\": {}");
        assistantMessage("claude-experimental-9", 50, 10, 0, 0);
        tool("PostToolUseFailure", "Bash", "{\"command\": \"make\"}", "\"error\": \"Exit code 2\\nno rule\", \"duration_ms\": 90");
        assistantMessage("claude-sonnet-4-5-20250929", 800, 200, 0, 24000);
        event("Stop", "\"stop_hook_active\": false");
        event("SessionEnd", "\"reason\": \"clear\"");
        pushed();
    }

    /** A push while the Pushgateway is unreachable: the next successful push carries the failure count. */
    void withPushgatewayDown() {
        event("UserPromptSubmit", "\"prompt\": \"are you there?\"");
        String url = env.put("HOOKMETER_PUSHGATEWAY_URL", "http://127.0.0.1:9");
        CommandResult push = servers.hookmeter(null, env, "push");
        assertEquals(1, push.exitCode(), "nothing listens there: " + push);
        env.put("HOOKMETER_PUSHGATEWAY_URL", url);
    }

    /** The barrier: everything handed over so far is applied and pushed (the agent would do it within a second). */
    void pushed() {
        CommandResult push = servers.hookmeter(null, env, "push");
        assertEquals(0, push.exitCode(), push.toString());
    }

    /** Input that is not JSON: rejected, counted by reason, never an error for the agent. */
    void garbage() {
        run("{this is not json");
        pushed();
    }

    private void tool(String event, String tool, String input, String extra) {
        String id = "toolu_" + (++toolUse);
        event(event, "\"tool_name\": \"" + tool + "\", \"tool_input\": " + input + ", \"tool_use_id\": \"" + id
                + "\", " + extra);
    }

    private void event(String name, String fields) {
        run("{\"session_id\": \"s-1\", \"transcript_path\": \"" + transcript + "\", \"cwd\": \"/work\", "
                + "\"permission_mode\": \"default\", \"hook_event_name\": \"" + name + "\", " + fields + "}");
    }

    private void run(String json) {
        CommandResult result = servers.hookmeter(json.getBytes(StandardCharsets.UTF_8), env, "hook");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("", result.out(), "a hook never writes to stdout");
    }

    /**
     * A status-line input applied to the hook's state the way the agent applies one (StatusLineMetrics in the
     * state update); the next push carries it. Subscription windows and the session's line totals.
     */
    private void statusLine(int fiveHourPercent, int sevenDayPercent, int linesAdded, int linesRemoved) {
        long now = System.currentTimeMillis();
        String json = "{\"session_id\": \"s-1\", \"cost\": {\"total_cost_usd\": 0.4, \"total_lines_added\": "
                + linesAdded + ", \"total_lines_removed\": " + linesRemoved + "}, \"rate_limits\": {"
                + "\"five_hour\": {\"used_percentage\": " + fiveHourPercent + ", \"resets_at\": " + (now / 1000 + 3 * 3600)
                + "}, \"seven_day\": {\"used_percentage\": " + sevenDayPercent + ", \"resets_at\": "
                + (now / 1000 + 5 * 86400) + "}}}";
        StateStore store = new StateStore(home, line -> { });
        try (StateStore.Locked locked = store.lock()) {
            StatusLineMetrics.record(StatusInput.parse(json.getBytes(StandardCharsets.UTF_8)), locked.state(), now);
            locked.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One API response in a subagent's transcript (isSidechain), as Claude Code writes it. */
    private void subagentMessage(String model, int input, int output) {
        message++;
        append(subagentTranscript, "{\"type\": \"assistant\", \"isSidechain\": true, \"requestId\": \"req_" + message
                + "\", \"message\": {\"id\": \"msg_" + message + "\", \"model\": \"" + model + "\", \"usage\": {"
                + "\"input_tokens\": " + input + ", \"output_tokens\": " + output + "}}}\n");
    }

    private static void append(Path file, String line) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One API response in the transcript, the way Claude Code writes it. */
    private void assistantMessage(String model, int input, int output, int cacheCreation, int cacheRead) {
        message++;
        String line = "{\"type\": \"assistant\", \"isSidechain\": false, \"requestId\": \"req_" + message
                + "\", \"message\": {\"id\": \"msg_" + message + "\", \"model\": \"" + model + "\", \"usage\": {"
                + "\"input_tokens\": " + input + ", \"output_tokens\": " + output
                + ", \"cache_creation_input_tokens\": " + cacheCreation + ", \"cache_read_input_tokens\": "
                + cacheRead + "}}}\n";
        append(transcript, line);
    }
}
