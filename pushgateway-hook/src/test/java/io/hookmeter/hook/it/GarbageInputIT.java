package io.hookmeter.hook.it;

import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import io.hookmeter.hook.state.CounterFamily;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.StateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever arrives on stdin, and whatever state the disk is in: exit 0, empty stdout, a valid state file. */
@ExtendWith(RealServers.class)
class GarbageInputIT {

    static List<byte[]> corpus() {
        List<byte[]> corpus = new ArrayList<>();
        Random random = new Random(42);
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        corpus.add(noise);
        corpus.add(new byte[0]);
        corpus.add(bytes("   \n"));
        corpus.add(bytes("{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Ba"));
        corpus.add(bytes("{\"hook_event_name\":\"PostToolUse\",\"tool_name\":42,\"duration_ms\":1}"));
        corpus.add(bytes("{\"hook_event_name\":[\"PostToolUse\"]}"));
        corpus.add(bytes("{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Read\",\"duration_ms\":\"12\"}"));
        corpus.add(bytes("{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Read\",\"duration_ms\":1e400}"));
        corpus.add(bytes("null"));
        corpus.add(bytes("[]"));
        corpus.add(bytes("\"just a string\""));
        corpus.add(bytes("{\"hook_event_name\":\"Stop\"}{\"hook_event_name\":\"Stop\"}"));
        corpus.add(bytes("{\"hook_event_name\":\"X\",\"a\":\"a\",\"a\":\"b\"}"));
        corpus.add(bytes("[".repeat(100_000)));
        corpus.add(bytes("{\"hook_event_name\":\"UnknownFutureEvent\",\"whatever\":{\"deep\":[1,2,3]}}"));
        corpus.add(bytes("{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"" + "T".repeat(200_000)
                + "\",\"duration_ms\":5}"));
        corpus.add(bytes("{\"hook_event_name\":\"Notification\",\"notification_type\":\"a\\u0000b\\nc\"}"));
        // A 10 MB tool_response, as a Read of a big file produces.
        corpus.add(bytes("{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Read\",\"duration_ms\":7,"
                + "\"tool_response\":{\"content\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}}"));
        return corpus;
    }

    @Test
    void aGarbageCorpusNeverHurtsTheAgent(Servers servers) throws Exception {
        ManagedProcess pushgateway = servers.pushgateway(HookRuns.IN_MEMORY);
        HookRuns runs = new HookRuns(servers, pushgateway.url(), "garbage");
        for (byte[] input : corpus()) {
            runs.hook(input);
        }
        Scrape scrape = runs.pushed();
        MetricsState state = new StateStore(runs.home, message -> { }).readOnly();
        CounterFamily rejected = (CounterFamily) state.family("hookmeter_events_rejected_total");
        assertEquals(2, rejected.value("empty"), "empty and blank stdin");
        assertEquals(1, rejected.value("unknown_event"), "UnknownFutureEvent");
        assertEquals(4, rejected.value("invalid_field"), "tool_name 42, event name array, duration \"12\", 1e400");
        assertEquals(corpus().size() - 2 - 1 - 4 - 3, rejected.value("malformed_json"), rejected.series().toString());
        assertEquals(2, state.family("hookmeter_tool_duration_seconds").series().stream()
                .mapToLong(s -> s.count()).sum(), "the huge tool name and the 10 MB Read still count");
        state.family("hookmeter_tool_duration_seconds").series().forEach(series ->
                assertTrue(series.labelValues().get(0).length() <= 120, "long label values are cut"));
        assertEquals(0, ((CounterFamily) state.family("hookmeter_state_recoveries_total")).value());
        assertEquals(corpus().size(), scrape.all().stream()
                .filter(s -> s.name().equals("hookmeter_hook_duration_seconds_count"))
                .mapToDouble(Scrape.Sample::value).sum(), 0.0, "every run is pushed: " + scrape);
        try (var bad = Files.list(runs.home.resolve("spool/bad"))) {
            // All but the four that parse: the long tool name, the NUL notification, the 10 MB Read and the unknown event.
            assertEquals(corpus().size() - 4, bad.count(), "what cannot be parsed is moved aside, not lost");
        }
    }

    /**
     * The same corpus through an http hook: what is not one JSON object is refused with 400 and counted, what is
     * over 1 MiB with 413; nothing else about the agent changes, and the rest counts as through the command hook.
     */
    @Test
    void theGarbageCorpusThroughPostHookGetsDefinedAnswers(Servers servers) throws Exception {
        ManagedProcess pushgateway = servers.pushgateway(HookRuns.IN_MEMORY);
        HookRuns runs = new HookRuns(servers, pushgateway.url(), "garbage-http", HookRuns.Way.HTTP);
        Map<Integer, Integer> answers = new java.util.TreeMap<>();
        for (byte[] input : corpus()) {
            var response = runs.post("/hook", input);
            answers.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() == 204) {
                assertEquals("", response.body());
            }
        }
        assertEquals(1, answers.get(413), "the 10 MB Read: " + answers);
        assertTrue(answers.get(400) >= 8, "what is no JSON object at all: " + answers);
        assertEquals(corpus().size(), answers.values().stream().mapToInt(Integer::intValue).sum(), answers.toString());
        // Refusals at the door are the agent's own counts (never handed over, so not behind push's barrier), in its
        // next transaction: pushed within a second or two on a quiet machine; up to a minute allowed for a loaded one.
        Scrape scrape = runs.pushed();
        for (int i = 0; i < 600 && scrape.value("hookmeter_events_rejected_total", "reason", "too_large") == null; i++) {
            Thread.sleep(100);
            scrape = Scrape.of(runs.pushgatewayUrl, runs.instance);
        }
        double rejected = scrape.all().stream().filter(x -> x.name().equals("hookmeter_events_rejected_total"))
                .mapToDouble(Scrape.Sample::value).sum();
        assertEquals(corpus().size() - 2, rejected, 0.0, "all but the long tool name and the NUL notification, "
                + "each once, whether refused at the door or when applied: " + scrape);
        assertEquals(1, scrape.value("hookmeter_events_rejected_total", "reason", "too_large"), scrape.toString());
        assertEquals(4, scrape.value("hookmeter_events_rejected_total", "reason", "invalid_field"), scrape.toString());
        assertEquals(1, scrape.value("hookmeter_events_rejected_total", "reason", "unknown_event"), scrape.toString());
        assertEquals(1, scrape.value("hookmeter_tool_duration_seconds_count", "tool", "T".repeat(117) + "...", "outcome",
                "success", "agent", "main"), "the long tool name counts, cut: " + scrape);
        var health = runs.post("/hook", bytes("{\"hook_event_name\":\"Stop\"}"));
        assertEquals(204, health.statusCode(), "the agent still takes events");
    }

    @Test
    void aDamagedStateFileIsMovedAsideAndCounted(Servers servers) throws Exception {
        HookRuns runs = new HookRuns(servers, "http://127.0.0.1:9", "damaged");
        Files.writeString(runs.home.resolve("state.json"), "{\"schema\":1,\"families\":[tru");
        runs.hook("{\"hook_event_name\":\"Stop\"}");
        runs.run("push"); // applies; the push itself fails (nothing listens)
        MetricsState state = new StateStore(runs.home, message -> { }).readOnly();
        assertEquals(1, ((CounterFamily) state.family("hookmeter_state_recoveries_total")).value());
        assertEquals(1, ((CounterFamily) state.family("hookmeter_turns_total")).value());
        try (var files = Files.list(runs.home)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("state.json.corrupt-")));
        }
    }

    @Test
    void aMissingOrReadOnlyHomeStillExitsZeroSilently(Servers servers) throws Exception {
        HookRuns runs = new HookRuns(servers, "http://127.0.0.1:9", "nohome");
        Path file = Files.writeString(runs.home.resolve("a-file"), "not a directory");
        runs.env.put("HOOKMETER_HOME", file.resolve("home").toString());
        CommandResult missing = runs.hook("{\"hook_event_name\":\"Stop\"}");
        assertTrue(missing.err().contains("hookmeter"), "the problem is reported on stderr: " + missing);

        Path readOnly = Files.createDirectories(runs.home.resolve("ro"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            runs.env.put("HOOKMETER_HOME", readOnly.toString());
            runs.hook("{\"hook_event_name\":\"Stop\"}");
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aBrokenInstallationOfTheConfigFileIsLoggedAndIgnored(Servers servers) throws Exception {
        HookRuns runs = new HookRuns(servers, "http://127.0.0.1:9", "badconfig")
                .config("spool.max_events=not-a-number\npush.timeout_ms=\\u12\n");
        runs.hook("{\"hook_event_name\":\"Stop\"}");
        runs.run("push");
        MetricsState state = new StateStore(runs.home, message -> { }).readOnly();
        assertEquals(1, ((CounterFamily) state.family("hookmeter_turns_total")).value());
    }

    @Test
    void jvmWarningsGoToStderrNeverStdout(Servers servers) {
        HookRuns runs = new HookRuns(servers, "http://127.0.0.1:9", "jvmwarning");
        // Deprecated since JDK 13, still accepted with a VM warning on 17 and 25.
        runs.env.put("HOOKMETER_JAVA_OPTS", "-Xverify:none");
        CommandResult result = runs.run("report", "--json");
        assertTrue(result.err().contains("-Xverify:none"), "the warning is there, on stderr: " + result);
        assertTrue(!result.out().contains("Xverify"), "and never on stdout: " + result);
    }

    @Test
    void aJvmThatCannotStartStillGivesExitZeroAndAStatusLine(Servers servers) throws Exception {
        HookRuns runs = new HookRuns(servers, "http://127.0.0.1:9", "nojvm");
        // A heap far too small for any JVM (as a bad HOOKMETER_JAVA_OPTS would be): the JVM refuses to start.
        runs.env.put("HOOKMETER_JAVA_OPTS", "-Xmx1k");
        runs.hook("{\"hook_event_name\":\"Stop\"}");
        CommandResult start = runs.run("agent", "start");
        assertEquals(1, start.exitCode(), "the agent cannot start: " + start);
        assertTrue(start.err().contains("agent.log"), "and says where to look: " + start);
        assertTrue(readQuietly(runs.home.resolve("agent.log")).contains("heap"),
                "where the JVM said why");
        try (var waiting = Files.list(runs.home.resolve("spool/new"))) {
            assertEquals(1, waiting.count(), "the event waits in the spool for a working agent");
        }

        CommandResult statusLine = servers.hookmeter(bytes("{}"), runs.env, "statusline");
        assertEquals(0, statusLine.exitCode(), statusLine.toString());
        assertEquals("hookmeter: starting\n", statusLine.out(), "one line, always");

        CommandResult report = runs.run("report");
        assertEquals(1, report.exitCode(), "other commands pass the failure on: " + report);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
