package io.hookmeter.hook.it;

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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Pushgateway goes away, hangs, and comes back empty: nothing is lost, the hook always exits 0 at once. */
@ExtendWith(RealServers.class)
class PushgatewayOutageIT {
    private static final String POST = "{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Bash\","
            + "\"tool_use_id\":\"x\",\"duration_ms\":30}";

    @Test
    void stoppedThenRestartedEmptyIsHealedByTheNextEvent(Servers servers) throws Exception {
        ManagedProcess pushgateway = servers.pushgateway(HookRuns.IN_MEMORY);
        HookRuns runs = new HookRuns(servers, pushgateway.url(), "outage").config("push.breaker_open_ms=1500\n");
        runs.hook(POST);
        assertEquals(1, Scrape.of(pushgateway.url(), "outage").value("hookmeter_tool_duration_seconds_count",
                "tool", "Bash", "outcome", "success", "agent", "main"));

        pushgateway.stop();
        for (int i = 0; i < 5; i++) {
            runs.hook(POST);
        }
        MetricsState state = new StateStore(runs.home, message -> { }).readOnly();
        assertEquals(3, ((CounterFamily) state.family("hookmeter_push_failures_total")).value(),
                "three failures open the breaker; the next two runs do not even try");
        assertEquals(3, state.push().consecutiveFailures());
        assertTrue(state.push().openUntilMillis() > 0, "breaker open");
        assertEquals(6, state.family("hookmeter_tool_duration_seconds").find("Bash", "success", "main").count(),
                "the state keeps growing while the Pushgateway is down");

        ManagedProcess restarted = servers.pushgatewayOnPort(pushgateway.port(), HookRuns.IN_MEMORY);
        assertNull(Scrape.of(restarted.url(), "outage").value("hookmeter_tool_duration_seconds_count", "tool", "Bash",
                "outcome", "success", "agent", "main"), "restarted empty, without persistence");
        Thread.sleep(1600);
        runs.hook(POST);
        Scrape healed = Scrape.of(restarted.url(), "outage");
        assertEquals(7, healed.value("hookmeter_tool_duration_seconds_count", "tool", "Bash", "outcome", "success",
                "agent", "main"), healed.toString());
        assertEquals(3, healed.value("hookmeter_push_failures_total"), healed.toString());
        assertEquals(7, healed.value("hookmeter_hook_duration_seconds_count", "event", "PostToolUse"));
        assertEquals(0, new StateStore(runs.home, message -> { }).readOnly().push().consecutiveFailures());
    }

    @Test
    void aHungPushgatewayCostsAtMostTheTimeoutAndOpensTheBreaker(Servers servers) throws Exception {
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
            MetricsState state = new StateStore(runs.home, message -> { }).readOnly();
            assertEquals(3, ((CounterFamily) state.family("hookmeter_push_failures_total")).value());
            assertEquals(4, state.family("hookmeter_tool_duration_seconds").find("Bash", "success", "main").count());
            assertTrue(state.push().lastError().contains("timed out"), state.push().lastError());
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aDeadlineShorterThanTheHangStillExitsZeroWithTheEventSaved(Servers servers) throws Exception {
        try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Accepted by the kernel's backlog, never answered: the push waits for its read timeout.
            HookRuns runs = new HookRuns(servers, "http://127.0.0.1:" + hung.getLocalPort(), "deadline")
                    .config("push.timeout_ms=30000\ndeadline_ms=3000\n");
            runs.hook(POST);
            MetricsState state = new StateStore(runs.home, message -> { }).readOnly();
            assertEquals(1, state.family("hookmeter_tool_duration_seconds").find("Bash", "success", "main").count(),
                    "committed before the push, so the deadline did not lose it");
            String log = java.nio.file.Files.readString(runs.home.resolve("hookmeter.log"));
            assertTrue(log.contains("deadline reached while pushing"), log);
        }
    }
}
