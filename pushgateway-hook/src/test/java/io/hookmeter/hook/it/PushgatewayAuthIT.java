package io.hookmeter.hook.it;

import io.hookmeter.harness.BasicAuth;
import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import io.hookmeter.hook.state.CounterFamily;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.StateStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The push with basic auth (push.username, push.password or push.password_file) against the real Pushgateway behind
 * a web config: the series arrive; a wrong password loses nothing and the fixed config pushes every total once;
 * {@code hookmeter push} and {@code doctor} use the configured credentials and say plainly when they are refused.
 */
@ExtendWith(RealServers.class)
class PushgatewayAuthIT {
    private static final BasicAuth AUTH = BasicAuth.TEST;
    private static final String POST = "{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Bash\","
            + "\"tool_use_id\":\"x\",\"duration_ms\":30}";
    private static final String[] BASH = {"tool", "Bash", "outcome", "success", "agent", "main"};

    private static ManagedProcess pushgateway;
    private static Servers servers;

    @BeforeAll
    static void start(Servers shared) {
        servers = shared;
        pushgateway = shared.pushgatewayWithBasicAuth(AUTH, HookRuns.IN_MEMORY);
    }

    /**
     * These tests are about credentials, so the barrier ({@code hookmeter push}) applies and pushes, and no agent
     * starts: each push is one attempt the test can count.
     */
    private static HookRuns runs(String instance) {
        HookRuns runs = new HookRuns(servers, pushgateway.url(), instance);
        runs.env.put("HOOKMETER_AGENT_AUTOSTART", "false");
        return runs;
    }

    /** The barrier, then the group as the credential-holding reader sees it. */
    private static Scrape pushed(HookRuns runs) {
        CommandResult push = runs.run("push");
        assertEquals(0, push.exitCode(), push.toString());
        return scrape(runs.instance);
    }

    @Test
    void theRightPasswordInTheConfigPushesTheExactSeries() {
        HookRuns runs = runs("auth-inline").config(basicAuth(AUTH.password()));
        runs.hook(POST);
        runs.hook(POST);
        Scrape scrape = pushed(runs);
        assertEquals(2, scrape.value("hookmeter_tool_duration_seconds_count", BASH), scrape.toString());
        assertEquals(0.06, scrape.value("hookmeter_tool_duration_seconds_sum", BASH), 1e-9, scrape.toString());
        assertEquals(0, scrape.value("hookmeter_tool_duration_seconds_bucket", with(BASH, "le", "0.025")));
        assertEquals(2, scrape.value("hookmeter_tool_duration_seconds_bucket", with(BASH, "le", "0.05")));
        assertEquals(2, scrape.value("hookmeter_hook_duration_seconds_count", "event", "PostToolUse"));
        assertEquals(0, scrape.value("hookmeter_push_failures_total"), scrape.toString());
        assertFalse(Files.exists(runs.home.resolve("hookmeter.log")), "nothing went wrong, nothing logged");
    }

    @Test
    void thePasswordFromAFilePushesTheExactSeries() throws Exception {
        HookRuns runs = runs("auth-file");
        Path secret = Files.writeString(runs.home.resolve("pushgateway-password"), AUTH.password() + "\n");
        runs.config("push.username=" + AUTH.user() + "\npush.password_file=" + secret + "\n");
        runs.hook(POST);
        Scrape scrape = pushed(runs);
        assertEquals(1, scrape.value("hookmeter_tool_duration_seconds_count", BASH), scrape.toString());
        assertEquals(0, scrape.value("hookmeter_push_failures_total"), scrape.toString());
    }

    @Test
    void aWrongPasswordLosesNothingAndTheFixedConfigPushesEveryEventOnce() throws Exception {
        HookRuns runs = runs("auth-wrong").config(basicAuth(AUTH.password()));
        runs.hook(POST);
        assertEquals(1, pushed(runs).value("hookmeter_tool_duration_seconds_count", BASH));

        runs.config(basicAuth("not-the-password"));
        runs.hook(POST);
        runs.hook(POST);
        CommandResult refused = runs.run("push");
        assertEquals(1, refused.exitCode(), refused.toString());
        assertEquals(1, scrape("auth-wrong").value("hookmeter_tool_duration_seconds_count", BASH),
                "the Pushgateway refused the push");
        String log = Files.readString(runs.home.resolve("hookmeter.log"));
        assertEquals(1, log.lines().filter(line -> line.contains("401 Unauthorized")).count(), log);
        MetricsState state = new StateStore(runs.home, message -> { }).readOnly();
        assertEquals(3, state.family("hookmeter_tool_duration_seconds").find("Bash", "success", "main").count(),
                "the state keeps counting while the push is refused");
        assertEquals(1, ((CounterFamily) state.family("hookmeter_push_failures_total")).value());
        assertTrue(state.push().lastError().contains("401"), state.push().lastError());

        runs.config(basicAuth(AUTH.password()));
        runs.hook(POST);
        Scrape healed = pushed(runs);
        assertEquals(4, healed.value("hookmeter_tool_duration_seconds_count", BASH), healed.toString());
        assertEquals(0.12, healed.value("hookmeter_tool_duration_seconds_sum", BASH), 1e-9, healed.toString());
        assertEquals(4, healed.value("hookmeter_hook_duration_seconds_count", "event", "PostToolUse"));
        assertEquals(1, healed.value("hookmeter_push_failures_total"), healed.toString());
        assertEquals(0, new StateStore(runs.home, message -> { }).readOnly().push().consecutiveFailures());
    }

    @Test
    void pushAndDoctorUseTheConfiguredCredentials() throws Exception {
        HookRuns runs = runs("auth-commands");
        installHooksWithoutWarmup(runs);

        assertDoctorSaysRefused(runs, "requests without credentials");

        runs.config(basicAuth("not-the-password"));
        CommandResult refusedPush = runs.run("push");
        assertEquals(1, refusedPush.exitCode(), refusedPush.toString());
        assertEquals("", refusedPush.out(), refusedPush.toString());
        assertTrue(refusedPush.err().contains("401 Unauthorized"), "says why: " + refusedPush.err());
        assertDoctorSaysRefused(runs, "our credentials");

        Path missing = runs.home.resolve("no-such-password-file");
        runs.config("push.username=" + AUTH.user() + "\npush.password_file=" + missing + "\n");
        CommandResult unreadable = runs.run("doctor");
        assertEquals(1, unreadable.exitCode(), unreadable.toString());
        assertTrue(unreadable.out().contains("PROBLEM  cannot read the Pushgateway credentials (push.password_file or"
                + " push.bearer_token_file): NoSuchFileException: " + missing + "\n"), unreadable.out());

        runs.config(basicAuth(AUTH.password()));
        CommandResult push = runs.run("push");
        assertEquals(0, push.exitCode(), push.toString());
        assertTrue(push.out().startsWith("pushed to " + pushgateway.url() + "/metrics/job/hookmeter/"), push.out());
        assertEquals(1, scrape("auth-commands").value("hookmeter_push_failures_total"),
                "the forced push carried the state, the refused push counted in it");
        CommandResult doctor = runs.run("doctor");
        assertEquals(0, doctor.exitCode(), doctor.toString());
        assertEquals(1, pushgatewayLines(doctor).size(), doctor.out());
        assertTrue(pushgatewayLines(doctor).get(0).startsWith("ok       Pushgateway " + pushgateway.url()
                + " answers HTTP 200"), doctor.out());
    }

    private static Scrape scrape(String instance) {
        return Scrape.of(pushgateway.url(), instance, AUTH.headers());
    }

    private static String basicAuth(String password) {
        return "push.username=" + AUTH.user() + "\npush.password=" + password + "\n";
    }

    private static String[] with(String[] labels, String name, String value) {
        String[] all = Arrays.copyOf(labels, labels.length + 2);
        all[labels.length] = name;
        all[labels.length + 1] = value;
        return all;
    }

    /** doctor exits 1, and its one Pushgateway line says that it refuses {@code what} and where to look. */
    private static void assertDoctorSaysRefused(HookRuns runs, String what) {
        CommandResult doctor = runs.run("doctor");
        assertEquals(1, doctor.exitCode(), doctor.toString());
        assertEquals(List.of("PROBLEM  Pushgateway " + pushgateway.url() + " refuses " + what + " (HTTP 401): check"
                        + " push.username and push.password (or push.password_file) in "
                        + runs.home.resolve("config.properties")),
                pushgatewayLines(doctor), doctor.out());
    }

    /** doctor's Pushgateway line(s). */
    private static List<String> pushgatewayLines(CommandResult doctor) {
        return doctor.out().lines().filter(line -> line.substring(Math.min(9, line.length())).startsWith("Pushgateway"))
                .toList();
    }

    /**
     * The hooks in a settings file of their own, written from {@code install --dry-run}: doctor then finds them,
     * without the fast-start cache that a real install makes (seconds this test does not need).
     */
    private static void installHooksWithoutWarmup(HookRuns runs) throws Exception {
        Path claude = servers.directory("claude-config");
        runs.env.put("CLAUDE_CONFIG_DIR", claude.toString());
        CommandResult dryRun = runs.run("install", "--no-statusline", "--dry-run");
        assertEquals(0, dryRun.exitCode(), dryRun.toString());
        Files.writeString(claude.resolve("settings.json"), dryRun.out());
    }
}
