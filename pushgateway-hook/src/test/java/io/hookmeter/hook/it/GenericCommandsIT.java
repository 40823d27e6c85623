package io.hookmeter.hook.it;

import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import io.hookmeter.hook.claude.EventRecorder;
import io.hookmeter.hook.spool.Spool;
import io.hookmeter.hook.spool.SpoolJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** exec, record, import-csv, push, report and doctor through the launcher, against the real Pushgateway. */
@ExtendWith(RealServers.class)
class GenericCommandsIT {
    @Test
    void execRecordImportReportDoctorAndPush(Servers servers) throws Exception {
        ManagedProcess pushgateway = servers.pushgateway(HookRuns.IN_MEMORY);
        HookRuns runs = new HookRuns(servers, pushgateway.url(), "generic");

        CommandResult failing = servers.hookmeter("in".getBytes(StandardCharsets.UTF_8), runs.env,
                "exec", "--name", "ci-step", "--", "sh", "-c", "cat; echo to-stderr >&2; exit 3");
        assertEquals(3, failing.exitCode(), "exec exits with the command's code: " + failing);
        assertEquals("in", failing.out(), "stdin and stdout pass through");
        assertTrue(failing.err().contains("to-stderr"), failing.err());
        assertEquals(0, servers.hookmeter(null, runs.env, "exec", "--name", "ci-step", "--", "true").exitCode());
        assertEquals(127, servers.hookmeter(null, runs.env, "exec", "--name", "nope", "--", "/no/such/cmd")
                .exitCode());
        assertEquals(2, runs.run("exec", "--", "true").exitCode(), "--name is required");

        assertEquals(0, runs.run("record", "--name", "deploy", "--duration-ms", "1500", "--outcome", "success")
                .exitCode());
        assertEquals(2, runs.run("record", "--name", "deploy", "--duration-ms", "soon", "--outcome", "success")
                .exitCode());

        Path csv = servers.directory("csv").resolve("legacy.csv");
        Files.writeString(csv, "timestamp,cpu_percent,memory_rss,tool_name,event\n"
                + "1700000000,1,1,Bash,start\n1700000000.2,1,1,Bash,end\n");
        CommandResult imported = runs.run("import-csv", csv.toString());
        assertEquals(0, imported.exitCode(), imported.toString());
        assertTrue(imported.out().contains("Imported 1 calls"), imported.out());
        assertTrue(runs.run("import-csv", csv.toString()).out().contains("already imported"));

        Scrape scrape = Scrape.of(pushgateway.url(), "generic");
        String all = scrape.toString();
        assertEquals(1, scrape.value("hookmeter_tool_duration_seconds_count", "tool", "ci-step", "outcome", "error",
                "agent", "main"), all);
        assertEquals(1, scrape.value("hookmeter_tool_duration_seconds_count", "tool", "ci-step", "outcome",
                "success", "agent", "main"), all);
        assertEquals(1, scrape.value("hookmeter_tool_exit_codes_total", "tool", "ci-step", "code", "3"), all);
        assertEquals(1, scrape.value("hookmeter_tool_exit_codes_total", "tool", "nope", "code", "127"), all);
        assertEquals(1.5, scrape.value("hookmeter_tool_duration_seconds_sum", "tool", "deploy", "outcome", "success",
                "agent", "main"), all);
        assertEquals(0.2, scrape.value("hookmeter_tool_duration_seconds_sum", "tool", "Bash", "outcome", "success",
                "agent", "main"), 1e-6, all);

        CommandResult report = runs.run("report", "--json");
        assertEquals(0, report.exitCode(), report.toString());
        assertTrue(report.out().contains("\"tool\" : \"ci-step\"") && report.out().contains("\"calls\" : 2"),
                report.out());
        CommandResult text = runs.run("report");
        assertTrue(text.out().contains("ci-step") && text.out().contains("50.0%"), text.out());

        CommandResult doctorBefore = runs.run("doctor");
        assertEquals(1, doctorBefore.exitCode(), "hooks are not installed yet: " + doctorBefore);
        assertTrue(doctorBefore.out().contains("PROBLEM  hooks not installed"), doctorBefore.out());
        Path claude = servers.directory("claude-config");
        runs.env.put("CLAUDE_CONFIG_DIR", claude.toString());
        assertEquals(0, runs.run("install", "--no-statusline").exitCode());
        CommandResult doctor = runs.run("doctor");
        assertEquals(0, doctor.exitCode(), doctor.toString());
        assertTrue(doctor.out().contains("ok       hooks installed for all " + EventRecorder.EVENTS.size() + " events"),
                doctor.out());
        assertTrue(doctor.out().contains("ok       last push"), doctor.out());

        pushgateway.stop();
        CommandResult push = runs.run("push");
        assertEquals(1, push.exitCode(), push.toString());
        assertEquals(1, runs.run("doctor").exitCode(), "Pushgateway down is a problem");
        ManagedProcess back = servers.pushgatewayOnPort(pushgateway.port(), HookRuns.IN_MEMORY);
        CommandResult forced = runs.run("push");
        assertEquals(0, forced.exitCode(), forced.toString());
        assertEquals(1, Scrape.of(back.url(), "generic").value("hookmeter_tool_exit_codes_total", "tool", "ci-step",
                "code", "3"), "a forced push restores the totals");
    }

    /** What a killed agent left in its open HTTP segment: doctor says so, and push (no agent running) applies it. */
    @Test
    void aStoppedAgentsUnsealedHttpEventsAreReportedAndPushed(Servers servers) throws Exception {
        ManagedProcess pushgateway = servers.pushgateway(HookRuns.IN_MEMORY);
        HookRuns runs = new HookRuns(servers, pushgateway.url(), "unsealed");
        new SpoolJournal(Spool.in(runs.home), message -> { }).append(("{\"hook_event_name\":\"PostToolUse\","
                + "\"tool_name\":\"Bash\",\"tool_use_id\":\"u\",\"duration_ms\":5}").getBytes(StandardCharsets.UTF_8));
        // ... and the agent that appended it was killed before its next batch.
        String line = "1 segment(s) of events a stopped agent took over HTTP wait in";
        CommandResult doctor = runs.run("doctor");
        assertTrue(doctor.out().contains("PROBLEM  " + line), doctor.out());
        Scrape pushed = runs.pushed();
        assertEquals(1, pushed.value("hookmeter_tool_duration_seconds_count", "tool", "Bash", "outcome", "success",
                "agent", "main"), pushed.toString());
        assertFalse(runs.run("doctor").out().contains(line), "sealed by the push");
    }
}
