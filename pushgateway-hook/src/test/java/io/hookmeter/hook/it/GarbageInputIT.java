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
        HookRuns runs = new HookRuns(servers, pushgateway.url(), "garbage").config("deadline_ms=20000\n");
        for (byte[] input : corpus()) {
            runs.hook(input);
        }
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
        Scrape scrape = Scrape.of(pushgateway.url(), "garbage");
        assertEquals(corpus().size(), scrape.all().stream()
                .filter(s -> s.name().equals("hookmeter_hook_duration_seconds_count"))
                .mapToDouble(Scrape.Sample::value).sum(), 0.0, "every run is pushed: " + scrape);
    }

    @Test
    void aDamagedStateFileIsMovedAsideAndCounted(Servers servers) throws Exception {
        HookRuns runs = new HookRuns(servers, "http://127.0.0.1:9", "damaged");
        Files.writeString(runs.home.resolve("state.json"), "{\"schema\":1,\"families\":[tru");
        runs.hook("{\"hook_event_name\":\"Stop\"}");
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
                .config("deadline_ms=not-a-number\npush.timeout_ms=\\u12\n");
        runs.hook("{\"hook_event_name\":\"Stop\"}");
        MetricsState state = new StateStore(runs.home, message -> { }).readOnly();
        assertEquals(1, ((CounterFamily) state.family("hookmeter_turns_total")).value());
    }

    @Test
    void jvmWarningsGoToStderrNeverStdout(Servers servers) {
        HookRuns runs = new HookRuns(servers, "http://127.0.0.1:9", "jvmwarning");
        // Deprecated since JDK 13, still accepted with a VM warning on 17 and 25.
        runs.env.put("HOOKMETER_JAVA_OPTS", "-Xverify:none");
        CommandResult result = runs.hook("{\"hook_event_name\":\"Stop\"}");
        assertTrue(result.err().contains("-Xverify:none"), "the warning is there, on stderr: " + result);
    }

    @Test
    void aJvmThatCannotStartStillGivesExitZeroAndAStatusLine(Servers servers) {
        HookRuns runs = new HookRuns(servers, "http://127.0.0.1:9", "nojvm");
        // An option this JDK does not know (as a flag removed in a newer JDK would be): the JVM refuses to start.
        runs.env.put("HOOKMETER_JAVA_OPTS", "-XX:+NoSuchHookmeterOption");
        CommandResult hook = runs.hook("{\"hook_event_name\":\"Stop\"}");
        assertTrue(hook.err().contains("NoSuchHookmeterOption"), "the JVM says why, on stderr: " + hook);

        CommandResult statusLine = servers.hookmeter(bytes("{}"), runs.env, "statusline");
        assertEquals(0, statusLine.exitCode(), statusLine.toString());
        assertEquals("hookmeter: not working, see its stderr\n", statusLine.out(), "one line, always");

        CommandResult report = runs.run("report");
        assertEquals(1, report.exitCode(), "other commands pass the failure on: " + report);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
