package io.hookmeter.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import io.hookmeter.harness.Launchers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the real client: its own throwaway HOME (Hookmeter's hooks put there by the real
 * {@code hookmeter install}), a git project as working directory, and the environment that keeps it offline and
 * pointed at the fake API. A second, plain hook in the project's settings copies every event's stdin to
 * {@code events/}, so the raw payloads of a run are kept.
 */
final class ClaudeRun {
    /** Every event the client 2.1.328 fires, for the raw-payload copy (Hookmeter installs its own list). */
    static final List<String> ALL_EVENTS = List.of("PreToolUse", "PostToolUse", "PostToolUseFailure", "PostToolBatch",
            "PermissionRequest", "PermissionDenied", "SessionStart", "SessionEnd", "UserPromptSubmit", "Stop",
            "StopFailure", "SubagentStart", "SubagentStop", "PreCompact", "Notification", "MessageDisplay");
    static final String API_KEY = "sk-ant-e2e-dummy-key-not-a-secret-0123456789";
    static final String MODEL = "claude-sonnet-4-5";

    final String name;
    final Path dir;
    final Path home;
    final Path project;
    final Path events;
    private final Path claude;
    private final Map<String, String> env = new LinkedHashMap<>();

    ClaudeRun(String name, Path root, Path claude, String apiUrl, String pushgatewayUrl) throws IOException {
        this.name = name;
        this.claude = claude;
        dir = Files.createDirectories(root.resolve(name));
        home = Files.createDirectories(dir.resolve("home"));
        project = Files.createDirectories(dir.resolve("project"));
        events = Files.createDirectories(dir.resolve("events"));
        // Nothing of the caller's environment reaches the client or hookmeter (no CLAUDE_CONFIG_DIR, no real
        // credentials): every command runs under `env -i` with exactly these variables.
        for (String inherited : List.of("PATH", "JAVA_HOME", "HOOKMETER_JAR", "HOOKMETER_JAVA_HOME")) {
            if (System.getenv(inherited) != null) {
                env.put(inherited, System.getenv(inherited));
            }
        }
        env.put("HOME", home.toString());
        // The client keeps task output under $TMPDIR/claude-UID: in the run's folder, not the machine's /tmp.
        env.put("TMPDIR", Files.createDirectories(dir.resolve("tmp")).toString());
        env.put("LANG", "C.UTF-8");
        env.put("TERM", "xterm-256color");
        env.put("ANTHROPIC_BASE_URL", apiUrl);
        env.put("ANTHROPIC_API_KEY", API_KEY);
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("HOOKMETER_PUSHGATEWAY_URL", pushgatewayUrl);
        env.put("HOOKMETER_INSTANCE", "e2e-" + name);
        env.put("HOOKMETER_E2E_EVENTS", events.toString());
        env.put("GIT_AUTHOR_NAME", "e2e");
        env.put("GIT_AUTHOR_EMAIL", "e2e@example.invalid");
        env.put("GIT_COMMITTER_NAME", "e2e");
        env.put("GIT_COMMITTER_EMAIL", "e2e@example.invalid");
    }

    ClaudeRun env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /**
     * The real {@code hookmeter install} (with {@code installOptions}), a git project with the payload-copying hook,
     * and a finished onboarding.
     */
    ClaudeRun prepare(boolean hookmeter, String... installOptions) throws IOException {
        if (hookmeter) {
            List<String> args = new ArrayList<>(List.of("install"));
            args.addAll(List.of(installOptions));
            CommandResult install = hookmeter(args.toArray(String[]::new));
            Files.writeString(dir.resolve("install.txt"), install.out() + install.err());
            if (install.exitCode() != 0) {
                throw new IllegalStateException("hookmeter install failed: " + install.err());
            }
        }
        CommandResult git = Commands.run(clean(List.of("git", "init", "-q", project.toString())), null, Map.of(),
                dir, Duration.ofSeconds(30));
        if (git.exitCode() != 0) {
            throw new IllegalStateException("git init failed: " + git.err());
        }
        ObjectNode settings = FakeAnthropic.JSON.createObjectNode();
        ObjectNode hooks = settings.putObject("hooks");
        for (String event : ALL_EVENTS) {
            ObjectNode group = hooks.putArray(event).addObject();
            group.put("matcher", "*");
            group.putArray("hooks").addObject().put("type", "command")
                    .put("command", "cat > \"$HOOKMETER_E2E_EVENTS/$(date +%s%N)-$$.json\"");
        }
        Files.createDirectories(project.resolve(".claude"));
        Files.writeString(project.resolve(".claude/settings.json"), settings.toPrettyString());
        // What the first interactive start would ask: onboarding done, this API key approved, this folder trusted.
        ObjectNode state = FakeAnthropic.JSON.createObjectNode();
        state.put("hasCompletedOnboarding", true).put("theme", "dark");
        ObjectNode keys = state.putObject("customApiKeyResponses");
        keys.putArray("approved").add(API_KEY.substring(API_KEY.length() - 20));
        keys.putArray("rejected");
        state.putObject("projects").putObject(project.toString()).put("hasTrustDialogAccepted", true);
        Files.writeString(home.resolve(".claude.json"), state.toPrettyString());
        return this;
    }

    /** {@code command} under {@code env -i} with this run's variables only. */
    List<String> clean(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("env", "-i"));
        env.forEach((key, value) -> wrapped.add(key + "=" + value));
        wrapped.addAll(command);
        return wrapped;
    }

    /** The client's command line: print mode with {@code prompt}, or the terminal when it is null. */
    List<String> claudeCommand(String prompt, List<String> allowedTools, String... options) {
        List<String> command = new ArrayList<>(List.of(claude.toString()));
        if (prompt != null) {
            command.addAll(List.of("-p", prompt));
        }
        command.addAll(List.of(options));
        command.addAll(List.of("--model", MODEL, "--debug-file", dir.resolve("claude-debug.log").toString(),
                "--allowedTools"));
        command.addAll(allowedTools);
        return clean(command);
    }

    /** Runs the client in print mode to its end. */
    CommandResult print(String prompt, List<String> allowedTools, String... options) throws IOException {
        CommandResult result = Commands.run(claudeCommand(prompt, allowedTools, options), new byte[0], Map.of(),
                project, Duration.ofSeconds(120));
        Files.writeString(dir.resolve("claude-output.txt"), "exit " + result.exitCode() + "\n--- stdout\n"
                + result.out() + "\n--- stderr\n" + result.err());
        return result;
    }

    /** Runs the real {@code hookmeter} launcher with this run's environment. */
    CommandResult hookmeter(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Launchers.hookmeter().toString());
        command.addAll(List.of(args));
        return Commands.run(clean(command), new byte[0], Map.of(), dir, Duration.ofSeconds(60));
    }

    /** The raw payloads copied so far, by event name, in the order they were written. */
    Map<String, Integer> eventCounts() throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (var files = Files.list(events)) {
            for (Path file : files.sorted().toList()) {
                String event = FakeAnthropic.JSON.readTree(file.toFile()).path("hook_event_name").asText("?");
                counts.merge(event, 1, Integer::sum);
            }
        }
        return counts;
    }
}
