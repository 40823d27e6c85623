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

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Pushgateway goes away, hangs, and comes back empty: nothing is lost, and no hook ever waits for it. */
@ExtendWith(RealServers.class)
class PushgatewayOutageIT {
    private static final String POST = "{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Bash\","
            + "\"tool_use_id\":\"x\",\"duration_ms\":30}";

    @Test
    void stoppedThenRestartedEmptyIsHealedByTheAgent(Servers servers) throws Exception {
        ManagedProcess pushgateway = servers.pushgateway(HookRuns.IN_MEMORY);
        HookRuns runs = new HookRuns(servers, pushgateway.url(), "outage").config("push.breaker_open_ms=1500\n");
        runs.hook(POST);
        assertEquals(1, runs.pushed().value("hookmeter_tool_duration_seconds_count",
                "tool", "Bash", "outcome", "success", "agent", "main"));

        pushgateway.stop();
        for (int i = 0; i < 5; i++) {
            runs.hook(POST);
        }
        CommandResult push = runs.run("push");
        assertEquals(1, push.exitCode(), "the barrier says when it could not push: " + push);
        assertTrue(push.err().contains("not pushed"), push.err());
        MetricsState state = new StateStore(runs.home, message -> { }).readOnly();
        assertEquals(6, state.family("hookmeter_tool_duration_seconds").find("Bash", "success", "main").count(),
                "applied while the Pushgateway is down: nothing lost");
        assertTrue(((CounterFamily) state.family("hookmeter_push_failures_total")).value() >= 1);

        ManagedProcess restarted = servers.pushgatewayOnPort(pushgateway.port(), HookRuns.IN_MEMORY);
        // No new event and no push command: the agent retries by itself (breaker permitting) and heals the group.
        Double healed = null;
        for (int i = 0; i < 200 && !Double.valueOf(6).equals(healed); i++) {
            Thread.sleep(100);
            healed = Scrape.of(restarted.url(), "outage").value("hookmeter_tool_duration_seconds_count", "tool",
                    "Bash", "outcome", "success", "agent", "main");
        }
        assertEquals(6, healed, "the agent pushed the totals again once the Pushgateway was back");
        runs.hook(POST);
        Scrape after = runs.pushed();
        assertEquals(7, after.value("hookmeter_tool_duration_seconds_count", "tool", "Bash", "outcome", "success",
                "agent", "main"), after.toString());
        assertEquals(7, after.value("hookmeter_hook_duration_seconds_count", "event", "PostToolUse"));
        assertEquals(0, new StateStore(runs.home, message -> { }).readOnly().push().consecutiveFailures());
    }

    @Test
    void aHungPushgatewayNeverHoldsAHookAndPushSaysWhy(Servers servers) throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(hung.accept());
                    }
                } catch (IOException closed) {
                    // Test over.
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            HookRuns runs = new HookRuns(servers, "http://127.0.0.1:" + hung.getLocalPort(), "hung")
                    .config("push.timeout_ms=300\n");
            for (int i = 0; i < 4; i++) {
                runs.hook(POST);
            }
            CommandResult push = runs.run("push");
            assertEquals(1, push.exitCode(), push.toString());
            assertTrue(push.err().contains("timed out"), push.err());
            MetricsState state = new StateStore(runs.home, message -> { }).readOnly();
            assertEquals(4, state.family("hookmeter_tool_duration_seconds").find("Bash", "success", "main").count());
            assertTrue(state.push().lastError().contains("timed out"), state.push().lastError());
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
