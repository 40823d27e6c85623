package io.hookmeter.hook.statusline;

import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.FreePorts;
import io.hookmeter.harness.Http;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import io.hookmeter.hook.alerts.AlertSummary;
import io.hookmeter.hook.alerts.AlertSummaryCache;
import io.hookmeter.hook.alerts.AlertmanagerClient;
import io.hookmeter.hook.alerts.FiringAlertsProbe;
import io.hookmeter.hook.alerts.HangingServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hookmeter statusline} (the launcher's curl client of the agent's POST /statusline) and {@code hookmeter
 * alerts} as whole processes, against the real Alertmanager (with an alert posted to it), an address where nothing
 * listens, and a server that accepts and never answers.
 */
@ExtendWith(RealServers.class)
class StatusLineIT {
    private static final String FULL = "{\"session_id\":\"s\",\"model\":{\"id\":\"claude-opus-4-5\",\"display_name\":"
            + "\"Opus 4.5\"},\"cost\":{\"total_cost_usd\":0.4213,\"total_duration_ms\":1000},"
            + "\"context_window\":{\"used_percentage\":42.4,\"context_window_size\":200000}}";
    private static Servers servers;
    private static ManagedProcess alertmanager;

    @BeforeAll
    static void startAlertmanagerWithOneFiringAlert(Servers shared) throws InterruptedException {
        servers = shared;
        alertmanager = shared.alertmanager("route:\n  receiver: default\nreceivers:\n  - name: default\n");
        String alert = "[{\"labels\":{\"alertname\":\"HostDiskCritical\",\"severity\":\"critical\",\"instance\":\"h1\","
                + "\"mountpoint\":\"/\"},\"annotations\":{\"summary\":\"Disk / on h1 is 99% full\"},\"startsAt\":\""
                + Instant.now().minusSeconds(60) + "\"}]";
        assertEquals(200, Http.send("POST", alertmanager.url() + "/api/v2/alerts", alert, "application/json")
                .statusCode());
        // Alertmanager marks a new alert active once it has been processed: wait for that, not for a fixed time.
        String firing = "";
        for (int i = 0; i < 600 && !firing.contains("HostDiskCritical"); i++) {
            Thread.sleep(100);
            firing = Http.getOk(alertmanager.url() + "/api/v2/alerts?active=true&unprocessed=false");
        }
        assertTrue(firing.contains("HostDiskCritical"), "Alertmanager never processed the alert: " + firing);
    }

    /** The real client against the real Alertmanager, then the status line through the agent that asked it. */
    @Test
    void alertmanagerUpShowsTheFiringAlert() throws InterruptedException {
        Path home = servers.directory("home");
        AlertSummary asked = probe(home, alertmanager.url()).summary();
        assertEquals(Map.of("critical", 1), asked.bySeverity());
        assertEquals("Opus 4.5 | $0.42 session | ctx 42% | 1 alert: 1 critical",
                eventually(home, alertmanager.url(), Map.of(), "alert:"));
    }

    /** The line Claude Code's re-runs show once an agent that a first run started answers (bounded wait). */
    private static String lineOnceTheAgentAnswers(Map<String, String> env) throws InterruptedException {
        String line = "";
        for (int i = 0; i < 150 && !line.endsWith("alerts ?"); i++) {
            Thread.sleep(100);
            line = oneLine(servers.hookmeter(FULL.getBytes(StandardCharsets.UTF_8), env, "statusline"));
        }
        return line;
    }

    /** Claude Code re-runs the status line every few hundred ms: the agent's alert summary arrives by itself. */
    private static String eventually(Path home, String alertmanagerUrl, Map<String, String> extra, String expected)
            throws InterruptedException {
        String line = "";
        for (int i = 0; i < 100 && !line.contains(expected); i++) {
            line = oneLine(statusline(FULL, home, alertmanagerUrl, extra));
            if (!line.contains(expected)) {
                Thread.sleep(200);
            }
        }
        return line;
    }

    @Test
    void withoutAnAgentTheLineComesFromStdinAndStartsTheAgent() throws InterruptedException {
        Path home = servers.directory("home");
        Map<String, String> env = env(home, "http://127.0.0.1:" + FreePorts.next());
        CommandResult first = servers.hookmeter(FULL.getBytes(StandardCharsets.UTF_8), env, "statusline");
        assertEquals("Opus 4.5 | hookmeter: starting", oneLine(first));
        assertEquals("Opus 4.5 | $0.42 session | ctx 42% | alerts ?", lineOnceTheAgentAnswers(env),
                "the agent started by the first line");
    }

    /**
     * The fast path trusts a live pid and an address. When nothing answers there (a pid that a reboot gave to another
     * program, over an old address) the run still prints exactly one short line and exits 0, within curl's one second;
     * and the start it asks for sees that the pid is no agent, so the next runs have one.
     */
    @Test
    void aStalePidOfAnotherProgramStillGivesALineAndAnAgentStarts() throws Exception {
        Path home = servers.directory("home-stale");
        Map<String, String> env = env(home, "http://127.0.0.1:" + FreePorts.next());
        Process other = new ProcessBuilder("sleep", "300").start(); // a live pid that is no agent
        Path pidFile = home.resolve("agent.pid");
        try (HangingServer hanging = new HangingServer()) {
            java.nio.file.Files.writeString(pidFile, other.pid() + "\n");
            java.nio.file.Files.writeString(home.resolve("agent.address"),
                    java.net.URI.create(hanging.url()).getAuthority() + "\n");
            CommandResult first = servers.hookmeter(FULL.getBytes(StandardCharsets.UTF_8), env, "statusline");
            assertEquals("hookmeter: starting", oneLine(first));
            assertEquals("Opus 4.5 | $0.42 session | ctx 42% | alerts ?", lineOnceTheAgentAnswers(env),
                    "an agent started by the first run");
        } finally {
            // The harness stops agents by their pid file: never let it point at the other program.
            if (java.nio.file.Files.exists(pidFile)
                    && java.nio.file.Files.readString(pidFile).strip().equals(Long.toString(other.pid()))) {
                java.nio.file.Files.delete(pidFile);
            }
            other.destroyForcibly();
        }
    }

    @Test
    void alertmanagerDownLeavesAQuestionMark() {
        CommandResult result = statusline(FULL, "http://127.0.0.1:" + FreePorts.next(), Map.of());
        assertEquals("Opus 4.5 | $0.42 session | ctx 42% | alerts ?", oneLine(result));
    }

    @Test
    void hangingAlertmanagerStillGivesALine() throws IOException {
        try (HangingServer hanging = new HangingServer()) {
            CommandResult result = statusline(FULL, hanging.url(), Map.of());
            assertEquals("Opus 4.5 | $0.42 session | ctx 42% | alerts ?", oneLine(result));
        }
    }

    @Test
    void minimalNullFilledAndGarbageInputsEachGiveOneLine() {
        String down = "http://127.0.0.1:" + FreePorts.next();
        assertEquals("Sonnet | alerts ?", oneLine(statusline("{\"model\":{\"display_name\":\"Sonnet\"}}", down,
                Map.of())));
        assertEquals("alerts ?", oneLine(statusline("{\"model\":null,\"cost\":{\"total_cost_usd\":null},"
                + "\"context_window\":{\"used_percentage\":null}}", down, Map.of())));
        assertEquals("alerts ?", oneLine(statusline("}{ garbage \u0000", down, Map.of())));
        assertEquals("alerts ?", oneLine(statusline("", down, Map.of())));
    }

    @Test
    void colourAndWidthFollowTheEnvironment() throws IOException, InterruptedException {
        Path home = servers.directory("home");
        freshCache(home);
        String coloured = eventually(home, alertmanager.url(), Map.of("NO_COLOR", ""), "alert:");
        assertTrue(coloured.contains("\u001b[31m1 alert: 1 critical\u001b[0m"), coloured);
        String narrow = oneLine(statusline(FULL, home, alertmanager.url(), Map.of("COLUMNS", "30")));
        assertEquals("ctx 42% | 1 alert: 1 critical", narrow);
    }

    @Test
    void aBrokenInstallationStillPrintsOneLineAndExitsZero() {
        Map<String, String> env = env(servers.directory("home"), alertmanager.url());
        env.put("HOOKMETER_JAR", servers.directory("nothing").resolve("hookmeter.jar").toString());
        CommandResult result = servers.hookmeter(FULL.getBytes(StandardCharsets.UTF_8), env, "statusline");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("hookmeter: not working, see its stderr\n", result.out());
        assertTrue(result.err().contains("hookmeter.jar is not built"), result.err());
    }

    @Test
    void alertsCommandListsTheFiringAlerts() {
        CommandResult table = alerts(alertmanager.url());
        assertEquals(0, table.exitCode(), table.toString());
        List<String> lines = table.out().lines().toList();
        assertEquals("1 firing alert at " + alertmanager.url(), lines.get(0));
        assertTrue(lines.get(1).startsWith("SEVERITY  ALERT             INSTANCE  SINCE"), table.out());
        assertTrue(lines.get(2).startsWith("critical  HostDiskCritical  h1        20"), table.out());
        assertTrue(lines.get(2).endsWith("Disk / on h1 is 99% full"), table.out());

        CommandResult json = alerts(alertmanager.url(), "--json");
        assertEquals(0, json.exitCode(), json.toString());
        assertTrue(json.out().contains("\"name\":\"HostDiskCritical\",\"severity\":\"critical\""), json.out());
    }

    @Test
    void alertsCommandSaysClearlyWhenAlertmanagerIsDown() {
        String down = "http://127.0.0.1:" + FreePorts.next();
        CommandResult result = alerts(down);
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("hookmeter alerts: cannot ask Alertmanager at " + down
                + ": ConnectException"), result.err());
        assertEquals(2, alerts(down, "--bogus").exitCode());
    }

    private static CommandResult statusline(String stdin, String alertmanagerUrl, Map<String, String> extra) {
        return statusline(stdin, servers.directory("home"), alertmanagerUrl, extra);
    }

    /** The status line through the agent of {@code home}, started first (as an earlier line would have). */
    private static CommandResult statusline(String stdin, Path home, String alertmanagerUrl,
                                            Map<String, String> extra) {
        Map<String, String> env = env(home, alertmanagerUrl);
        env.putAll(extra);
        CommandResult start = servers.hookmeter(null, env, "agent", "start");
        assertEquals(0, start.exitCode(), start.toString());
        return servers.hookmeter(stdin.getBytes(StandardCharsets.UTF_8), env, "statusline");
    }

    private static CommandResult alerts(String alertmanagerUrl, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "alerts";
        System.arraycopy(args, 0, all, 1, args.length);
        return servers.hookmeter(new byte[0], env(servers.directory("home"), alertmanagerUrl), all);
    }

    /** A generous budget: this checks the answer, not the speed. Writes the cache in {@code home}. */
    private static FiringAlertsProbe probe(Path home, String alertmanagerUrl) {
        return new FiringAlertsProbe(new AlertmanagerClient(alertmanagerUrl), new AlertSummaryCache(home), 10_000,
                System::currentTimeMillis);
    }

    /** Asks the real Alertmanager and caches the answer as of now, so the next status line run reads it. */
    private static void freshCache(Path home) throws IOException {
        new AlertSummaryCache(home).write(AlertSummary.of(new AlertmanagerClient(alertmanager.url()).firing(10_000),
                System.currentTimeMillis()));
    }

    /** Each test uses a fresh home, so that no run sees another's cached answer. */
    private static Map<String, String> env(Path home, String alertmanagerUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("HOOKMETER_HOME", home.toString());
        env.put("HOOKMETER_ALERTMANAGER_URL", alertmanagerUrl);
        env.put("NO_COLOR", "1");
        env.put("COLUMNS", "200");
        return env;
    }

    /** Exit 0, nothing on stderr, exactly one line on stdout: returns it. */
    private static String oneLine(CommandResult result) {
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("", result.err(), result.toString());
        String out = result.out();
        assertTrue(out.endsWith("\n") && out.indexOf('\n') == out.length() - 1, "exactly one line: " + result);
        return out.substring(0, out.length() - 1);
    }
}
