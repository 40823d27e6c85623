package io.hookmeter.e2e;

import io.hookmeter.harness.Binaries;
import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import io.hookmeter.harness.Exposition;
import io.hookmeter.harness.Launchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real Claude Code client, offline, with the hooks the real {@code hookmeter install} writes: Hookmeter's series
 * must match exactly what the scripted sessions did. {@link InsideNamespace} runs everything in a fresh network
 * namespace with only loopback; this test starts it and checks what it left in {@code target/e2e/RUN/}, which is
 * kept (raw hook payloads, fake API exchanges, terminal screens, client debug logs) to read when a check fails.
 */
class ClaudeCodeIT {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
    private static Path out;
    private static Exposition hookmeter;

    @BeforeAll
    static void runTheClientInANamespace() throws IOException {
        Path claude = claudeBinary();
        for (List<String> tool : List.of(List.of("unshare"), List.of("ip"), List.of("tmux"), List.of("git"))) {
            Binaries.require(tool);
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        out = Files.createDirectories(Path.of(System.getProperty("hookmeter.e2e.output", "target/e2e"), stamp))
                .toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add("unshare");
        // As root a plain network namespace; otherwise a user namespace maps us to root inside it.
        command.add("root".equals(System.getProperty("user.name")) ? "-n" : "-rn");
        command.addAll(List.of("sh", "-c", "ip link set lo up && exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dhookmeter.root=" + Launchers.repoRoot(),
                "-cp", System.getProperty("java.class.path"),
                InsideNamespace.class.getName(), out.toString(), claude.toString()));
        CommandResult run = Commands.run(command, null, Map.of(), out, RUN_TIMEOUT);
        Files.writeString(out.resolve("runner.log"), run.out() + "\n--- stderr\n" + run.err());
        if (run.exitCode() != 0) {
            fail("the namespace runner failed (exit " + run.exitCode() + "); everything it left is in " + out
                    + "\n" + tail(run.err()));
        }
        hookmeter = Exposition.parse(Files.readString(out.resolve("pushgateway.txt")));
    }

    /** The client's native binary: -Dhookmeter.claude or HOOKMETER_CLAUDE, as scripts/test sets it. */
    static Path claudeBinary() {
        String configured = System.getProperty("hookmeter.claude", "");
        if (configured.isBlank() || configured.startsWith("${")) {
            configured = System.getenv().getOrDefault("HOOKMETER_CLAUDE", "");
        }
        Path binary = configured.isBlank() ? null : Path.of(configured);
        if (binary == null || !Files.isExecutable(binary)) {
            fail("the Claude Code client is missing (HOOKMETER_CLAUDE=" + configured + "). Run ./scripts/test, which "
                    + "installs the pinned @anthropic-ai/claude-code from npm and sets HOOKMETER_CLAUDE.");
        }
        return binary;
    }

    private static double value(String run, String metric, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("instance", "e2e-" + run);
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return hookmeter.sum(metric, wanted);
    }

    private static void expect(double expected, String run, String metric, String... labels) {
        assertEquals(expected, value(run, metric, labels), 1e-9, run + " " + metric + " " + List.of(labels)
                + " (everything is in " + out + ")");
    }

    private static void expectCalls(double expected, String run, String tool, String outcome, String agent) {
        expect(expected, run, "hookmeter_tool_duration_seconds_count", "tool", tool, "outcome", outcome,
                "agent", agent);
    }

    @Test
    void printSessionToolCallsAreExact() {
        expectCalls(2, "print", "Bash", "success", "main");
        expectCalls(1, "print", "Bash", "error", "main");
        expectCalls(1, "print", "Write", "success", "main");
        expectCalls(1, "print", "Read", "success", "main");
        expectCalls(1, "print", "Glob", "success", "main");
        expectCalls(1, "print", "Edit", "success", "main");
        expectCalls(1, "print", "Agent", "success", "main");
        expectCalls(1, "print", "Bash", "success", "general-purpose");
        expectCallsAnyLabels(9, "print");
        expect(1, "print", "hookmeter_tool_exit_codes_total", "tool", "Bash", "code", "3");
        expect(1, "print", "hookmeter_file_operations_total", "operation", "write");
        expect(1, "print", "hookmeter_file_operations_total", "operation", "read");
        expect(1, "print", "hookmeter_file_operations_total", "operation", "edit");
        expect(1, "print", "hookmeter_git_commands_total", "subcommand", "add");
        expect(1, "print", "hookmeter_git_commands_total", "subcommand", "status");
        // Main: 8 answers with tool calls (the Read and Glob in one); the subagent: 1.
        expect(9, "print", "hookmeter_tool_batches_total");
        expect(0, "print", "hookmeter_tool_unmeasured_calls_total");
    }

    /** The families one scripted session fills, whichever way its events reached Hookmeter. */
    private static final List<String> SESSION_FAMILIES = List.of("hookmeter_tool_duration_seconds_count",
            "hookmeter_tool_exit_codes_total", "hookmeter_file_operations_total", "hookmeter_git_commands_total",
            "hookmeter_tool_batches_total", "hookmeter_tool_permission_denials_total",
            "hookmeter_permission_requests_total", "hookmeter_prompts_total", "hookmeter_turns_total",
            "hookmeter_messages_displayed_total", "hookmeter_sessions_started_total", "hookmeter_sessions_ended_total",
            "hookmeter_subagents_started_total", "hookmeter_subagents_total", "hookmeter_tokens_total",
            "hookmeter_api_requests_total", "hookmeter_cost_usd_total");

    /**
     * The same scripted session with {@code hookmeter install --http}: the real client's http hooks, posted to the
     * agent's POST /hook, give exactly the series its command hooks give.
     */
    @Test
    void httpHooksGiveTheSameSeriesAsCommandHooks() throws IOException {
        String settings = Files.readString(out.resolve("http/home/.claude/settings.json"));
        assertTrue(settings.contains("\"type\": \"http\"") || settings.contains("\"type\":\"http\""),
                "the http run has http hooks: " + settings);
        for (String family : SESSION_FAMILIES) {
            Map<Map<String, String>, Double> print = seriesOf("print", family);
            assertEquals(print, seriesOf("http", family), family + " (everything is in " + out + ")");
        }
        assertEquals(9, seriesOf("http", "hookmeter_tool_duration_seconds_count").values().stream()
                .mapToDouble(Double::doubleValue).sum(), 1e-9);
    }

    /** A family's samples of one run, by their labels other than {@code instance}. */
    private static Map<Map<String, String>, Double> seriesOf(String run, String family) {
        Map<Map<String, String>, Double> series = new java.util.HashMap<>();
        for (Exposition.Sample sample : hookmeter.find(family, Map.of("instance", "e2e-" + run))) {
            Map<String, String> labels = new java.util.TreeMap<>(sample.labels());
            labels.remove("instance");
            series.put(labels, sample.value());
        }
        return series;
    }

    private static void expectCallsAnyLabels(double expected, String run) {
        expect(expected, run, "hookmeter_tool_duration_seconds_count");
    }

    @Test
    void printSessionRefusalPromptsAndSubagentAreExact() {
        expect(1, "print", "hookmeter_tool_permission_denials_total", "tool", "Bash", "denied_by", "rule");
        expect(1, "print", "hookmeter_tool_permission_denials_total");
        expect(1, "print", "hookmeter_permission_requests_total", "tool", "Bash");
        expect(1, "print", "hookmeter_prompts_total", "origin", "user");
        expect(1, "print", "hookmeter_prompts_total", "origin", "agent");
        expect(2, "print", "hookmeter_turns_total");
        expect(2, "print", "hookmeter_messages_displayed_total");
        expect(1, "print", "hookmeter_sessions_started_total", "source", "startup");
        expect(1, "print", "hookmeter_sessions_ended_total", "reason", "other");
        expect(1, "print", "hookmeter_subagents_started_total", "agent_type", "general-purpose");
        expect(1, "print", "hookmeter_subagents_total", "agent_type", "general-purpose");
        expect(1, "print", "hookmeter_subagent_duration_seconds_count", "agent_type", "general-purpose");
        double subagent = value("print", "hookmeter_subagent_duration_seconds_sum", "agent_type", "general-purpose");
        double launch = value("print", "hookmeter_tool_duration_seconds_sum", "tool", "Agent");
        assertTrue(subagent > launch, "the subagent ran " + subagent + " s, longer than its launch " + launch + " s");
    }

    @Test
    void tokensRequestsAndCostMatchWhatTheFakeApiAnswered() throws IOException {
        for (String run : List.of("print", "terminal")) {
            long[] sums = new long[4];
            List<String> lines = Files.readAllLines(out.resolve(run).resolve("usage.txt"));
            for (String line : lines) {
                String[] parts = line.split(" ");
                for (int i = 0; i < 4; i++) {
                    sums[i] += Long.parseLong(parts[i]);
                }
            }
            String model = ClaudeRun.MODEL;
            expect(sums[0], run, "hookmeter_tokens_total", "model", model, "type", "input");
            expect(sums[1], run, "hookmeter_tokens_total", "model", model, "type", "output");
            expect(sums[2], run, "hookmeter_tokens_total", "model", model, "type", "cache_creation");
            expect(sums[3], run, "hookmeter_tokens_total", "model", model, "type", "cache_read");
            expect(lines.size(), run, "hookmeter_api_requests_total", "model", model);
            // Sonnet 4.5, USD per million tokens: input 3, 5-minute cache write 3.75, cache read 0.30, output 15.
            double cost = (sums[0] * 3 + sums[1] * 15 + sums[2] * 3.75 + sums[3] * 0.30) / 1e6;
            expect(cost, run, "hookmeter_cost_usd_total", "model", model);
        }
        // Main: 9 answers, the task notification's, the subagent's 2.
        assertEquals(12, Files.readAllLines(out.resolve("print/usage.txt")).size());
        assertEquals(3, Files.readAllLines(out.resolve("terminal/usage.txt")).size());
    }

    @Test
    void callsAndTokensCarryTheGitProjectTheSessionWorkedIn() {
        // Every run works in a git repository whose top-level directory is named "project" (ClaudeRun).
        for (String metric : List.of("hookmeter_tool_duration_seconds_count", "hookmeter_tokens_total",
                "hookmeter_cost_usd_total", "hookmeter_api_requests_total")) {
            double all = value("print", metric);
            assertTrue(all > 0, metric + " (everything is in " + out + ")");
            expect(all, "print", metric, "project", "project");
        }
    }

    @Test
    void terminalSessionInterruptionRefusalAndStatusLineAreExact() throws IOException {
        expect(3, "terminal", "hookmeter_prompts_total", "origin", "user");
        expect(0, "terminal", "hookmeter_prompts_total", "origin", "agent");
        // Escape and the dialog's "No" end a turn without Stop: only the last prompt's turn has one.
        expect(1, "terminal", "hookmeter_turns_total");
        expect(1, "terminal", "hookmeter_tool_unmeasured_calls_total", "tool", "Bash", "outcome", "interrupted",
                "agent", "main");
        expect(1, "terminal", "hookmeter_tool_unmeasured_calls_total");
        expect(1, "terminal", "hookmeter_tool_permission_denials_total", "tool", "Bash", "denied_by", "user");
        expect(1, "terminal", "hookmeter_tool_permission_denials_total");
        expect(1, "terminal", "hookmeter_permission_requests_total", "tool", "Bash");
        expectCallsAnyLabels(0, "terminal");
        expect(1, "terminal", "hookmeter_messages_displayed_total");
        expect(1, "terminal", "hookmeter_sessions_ended_total", "reason", "prompt_input_exit");
        String screens = Files.readString(out.resolve("terminal/screens.txt"));
        assertTrue(screens.contains("Sonnet 4.5 | $0.00 session"), "Hookmeter's status line under the prompt: "
                + out.resolve("terminal/screens.txt"));
    }

    @Test
    void theMainThreadOfAnAgentSessionIsMain() throws IOException {
        expectCalls(1, "agent", "Bash", "success", "main");
        expect(0, "agent", "hookmeter_tool_duration_seconds_count", "agent", AgentScript.AGENT);
        String payloads = String.join("\n", readAll(out.resolve("agent/events")));
        assertTrue(payloads.contains("\"agent_type\":\"" + AgentScript.AGENT + "\"")
                && !payloads.contains("\"agent_id\""), "the client sent agent_type without agent_id");
    }

    private static List<String> readAll(Path dir) throws IOException {
        List<String> all = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                all.add(Files.readString(file));
            }
        }
        return all;
    }

    @Test
    void everyEventReachedHookmeterOnceAndNoneWasRejected() throws IOException {
        for (String run : List.of("print", "terminal", "agent")) {
            Map<String, Integer> payloads = new TreeMap<>();
            try (var files = Files.list(out.resolve(run).resolve("events"))) {
                for (Path file : files.toList()) {
                    payloads.merge(FakeAnthropic.JSON.readTree(file.toFile()).path("hook_event_name").asText(), 1,
                            Integer::sum);
                }
            }
            Map<String, Integer> applied = new TreeMap<>();
            for (Exposition.Sample sample : hookmeter.find("hookmeter_hook_duration_seconds_count",
                    Map.of("instance", "e2e-" + run))) {
                if (sample.value() > 0) {
                    applied.put(sample.labels().get("event"), (int) sample.value());
                }
            }
            assertEquals(payloads, applied, run + ": one hook run per event the client sent (raw payloads in "
                    + out.resolve(run).resolve("events") + ")");
            expect(0, run, "hookmeter_events_rejected_total");
        }
    }

    @Test
    void theClientsOwnTelemetryHasTheNamesTheDocsUse() throws IOException {
        Exposition print = Exposition.parse(Files.readString(out.resolve("telemetry.txt")));
        Exposition terminal = Exposition.parse(Files.readString(out.resolve("telemetry-terminal.txt")));
        for (String name : List.of("claude_code_session_count_total", "claude_code_lines_of_code_count_total",
                "claude_code_commit_count_total", "claude_code_cost_usage_total", "claude_code_token_usage_total",
                "claude_code_code_edit_tool_decision_total")) {
            assertTrue(print.names().contains(name), name + " in " + out.resolve("telemetry.txt"));
        }
        assertTrue(terminal.names().contains("claude_code_active_time_total"),
                "active time after whole turns: " + out.resolve("telemetry-terminal.txt"));
        // The terminal run had both: the client's token counts are Hookmeter's (read from the transcript).
        Map<String, String> types = Map.of("input", "input", "output", "output", "cacheRead", "cache_read",
                "cacheCreation", "cache_creation");
        types.forEach((theirs, ours) -> assertEquals(
                value("terminal", "hookmeter_tokens_total", "type", ours),
                terminal.sum("claude_code_token_usage_total", Map.of("type", theirs)), theirs + " tokens"));
        // The telemetry run wrote "a\nb\nc\n" (the client counts 4 lines: the empty one after the last newline too),
        // then changed one line (one removed, one added), then committed once.
        assertEquals(5, print.sum("claude_code_lines_of_code_count_total", Map.of("type", "added")));
        assertEquals(1, print.sum("claude_code_lines_of_code_count_total", Map.of("type", "removed")));
        assertEquals(1, print.sum("claude_code_commit_count_total", Map.of()));
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
