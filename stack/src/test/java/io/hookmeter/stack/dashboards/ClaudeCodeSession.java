package io.hookmeter.stack.dashboards;

import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Servers;

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
    private final Path transcript;
    private int toolUse;
    private int message;

    ClaudeCodeSession(Servers servers, String pushgatewayUrl) {
        this.servers = servers;
        Path home = servers.directory("hookmeter-home");
        env.put("HOOKMETER_HOME", home.toString());
        env.put("HOOKMETER_PUSHGATEWAY_URL", pushgatewayUrl);
        env.put("HOOKMETER_INSTANCE", INSTANCE);
        transcript = home.resolve("session.jsonl");
    }

    /** Everything a working session does: tools that succeed, fail and are denied, prompts, turns, tokens. */
    void work() {
        event("SessionStart", "\"source\": \"startup\", \"model\": \"claude-sonnet-4-5-20250929\"");
        event("UserPromptSubmit", "\"prompt\": \"fix the build\"");
        tool("PostToolUse", "Bash", "{\"command\": \"git status\"}", "\"tool_response\": {}, \"duration_ms\": 140");
        tool("PostToolUse", "Read", "{\"file_path\": \"/src/Main.java\"}", "\"tool_response\": {}, \"duration_ms\": 4");
        tool("PostToolUse", "Edit", "{\"file_path\": \"/src/Main.java\"}", "\"tool_response\": {}, \"duration_ms\": 9");
        tool("PostToolUseFailure", "Bash", "{\"command\": \"mvn test\"}",
                "\"error\": \"Exit code 1\\nBUILD FAILURE\", \"duration_ms\": 2300");
        tool("PostToolUseFailure", "Bash", "{\"command\": \"sleep 100\"}",
                "\"error\": \"interrupted\", \"is_interrupt\": true, \"duration_ms\": 700");
        tool("PermissionDenied", "WebFetch", "{\"url\": \"https://example.com\"}", "\"reason\": \"denied by rule\"");
        event("Notification", "\"message\": \"Claude needs your permission\", \"notification_type\": \"permission_prompt\"");
        event("SubagentStop", "\"stop_hook_active\": false, \"agent_id\": \"a1\", \"agent_type\": \"Explore\", "
                + "\"agent_transcript_path\": \"/nonexistent\"");
        event("PreCompact", "\"trigger\": \"auto\", \"custom_instructions\": \"\"");
        assistantMessage("claude-sonnet-4-5-20250929", 1200, 350, 4000, 20000);
        assistantMessage("claude-haiku-4-5-20251001", 300, 80, 0, 1500);
        event("Stop", "\"stop_hook_active\": false");
        event("StopFailure", "\"error\": \"rate_limit\"");
        pushed();
    }

    /** More of the same later, so that rates are not zero. */
    void more() {
        tool("PostToolUse", "Bash", "{\"command\": \"git commit -m x\"}", "\"tool_response\": {}, \"duration_ms\": 380");
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

    /** One API response in the transcript, the way Claude Code writes it. */
    private void assistantMessage(String model, int input, int output, int cacheCreation, int cacheRead) {
        message++;
        String line = "{\"type\": \"assistant\", \"isSidechain\": false, \"requestId\": \"req_" + message
                + "\", \"message\": {\"id\": \"msg_" + message + "\", \"model\": \"" + model + "\", \"usage\": {"
                + "\"input_tokens\": " + input + ", \"output_tokens\": " + output
                + ", \"cache_creation_input_tokens\": " + cacheCreation + ", \"cache_read_input_tokens\": "
                + cacheRead + "}}}\n";
        try {
            Files.writeString(transcript, line, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
