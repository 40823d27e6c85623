package io.hookmeter.stack.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookmeter.harness.Http;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.PrometheusApi;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The team store's central rule evaluation: the real vmalert runs the shipped rule files (prometheus/rules/*.yml)
 * against a real single-node VictoriaMetrics holding two machines' series and notifies a real Alertmanager.
 * Test-only overlay: ToolErrorRateHigh without its 5-minute {@code for}, 1 s evaluations and remote-write flushes.
 */
@ExtendWith(RealServers.class)
class VmalertTeamIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** deploy/team passes the runbook links' base as vmalert's -external.label (TeamComposeTest). */
    private static final String RUNBOOKS = "https://docs.example/hookmeter/runbooks.md";

    @Test
    void toolErrorRateHighFiresForTheFailingMachineAndReachesAlertmanager(Servers servers) throws Exception {
        ManagedProcess store = servers.victoriaMetrics();
        // The last 10 minutes at 15 s, as forwarders would have written them: alice's Bash fails 1 call in 5,
        // bob's never does.
        long now = System.currentTimeMillis();
        StringBuilder samples = new StringBuilder();
        for (int i = 0; i <= 40; i++) {
            long at = now - (40 - i) * 15_000L;
            samples.append(count("alice", "laptop-a", "success", i, at))
                    .append(count("alice", "laptop-a", "error", i / 4, at))
                    .append(count("bob", "laptop-b", "success", 2 * i, at))
                    .append(count("bob", "laptop-b", "error", 0, at));
        }
        var imported = Http.send("POST", store.url() + "/api/v1/import/prometheus", samples.toString(), "text/plain");
        assertEquals(204, imported.statusCode(), imported.body());

        Path rules = ShippedStack.copy("prometheus", servers.directory("rules"), Map.of(),
                (file, text) -> file.equals("rules/alerts-hookmeter.yml")
                        ? ShippedStack.inAlert(text, "ToolErrorRateHigh",
                                rule -> ShippedStack.replaceAll(rule, ShippedStack.pairs("for: 5m", "for: 0s")))
                        : text).resolve("rules");
        ManagedProcess alertmanager = servers.alertmanager("""
                route: {receiver: none, group_wait: 1s}
                receivers: [{name: none}]
                """);
        ManagedProcess vmalert = servers.vmalert("-rule=" + rules + "/*.yml", "-datasource.url=" + store.url(),
                "-remoteWrite.url=" + store.url(), "-remoteRead.url=" + store.url(),
                "-notifier.url=" + alertmanager.url(), "-evaluationInterval=1s", "-remoteWrite.flushInterval=1s",
                "-external.label=runbooks_url=" + RUNBOOKS);

        JsonNode alert = awaitAlert(alertmanager, "ToolErrorRateHigh");
        assertEquals("laptop-a", alert.at("/labels/instance").asText(), alert.toString());
        assertEquals("alice", alert.at("/labels/user").asText(), "the alert names the person: " + alert);
        assertEquals("Bash", alert.at("/labels/tool").asText());
        assertEquals("warning", alert.at("/labels/severity").asText());
        assertEquals("Tool Bash fails often on laptop-a", alert.at("/annotations/summary").asText());
        assertEquals(RUNBOOKS + "#toolerrorratehigh", alert.at("/annotations/runbook_url").asText());
        for (JsonNode other : alerts(alertmanager)) {
            assertTrue(!other.at("/labels/alertname").asText().equals("ToolErrorRateHigh")
                    || other.at("/labels/instance").asText().equals("laptop-a"), "bob never failed: " + other);
        }

        // Recording rules come back into the store, and no shipped rule fails to evaluate on VictoriaMetrics.
        new PrometheusApi(store).awaitNonEmpty(
                "instance_tool_outcome:hookmeter_tool_calls:rate5m{instance=\"laptop-a\", tool=\"Bash\", "
                        + "outcome=\"error\"} > 0", WAIT);
        String metrics = Http.getOk(vmalert.url() + "/metrics");
        double ruleErrors = metrics.lines()
                .filter(l -> l.startsWith("vmalert_alerting_rules_error{")
                        || l.startsWith("vmalert_recording_rules_error{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertEquals(0, ruleErrors, metrics);
        // 1.79 has a 0/1 gauge per rule: one for every rule of every shipped file.
        assertTrue(metrics.contains("vmalert_recording_rules_error{") && metrics.contains(
                "vmalert_alerting_rules_error{alertname=\"ToolErrorRateHigh\""), "the gauges exist in this version");
    }

    private static String count(String user, String instance, String outcome, int value, long at) {
        return "hookmeter_tool_duration_seconds_count{job=\"hookmeter\",team=\"platform\",user=\"" + user
                + "\",instance=\"" + instance + "\",tool=\"Bash\",outcome=\"" + outcome + "\",agent=\"main\"} "
                + value + " " + at + "\n";
    }

    private static JsonNode awaitAlert(ManagedProcess alertmanager, String name) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode alert : alerts(alertmanager)) {
                if (alert.at("/labels/alertname").asText().equals(name)) {
                    return alert;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " never reached Alertmanager: " + alerts(alertmanager));
    }

    private static JsonNode alerts(ManagedProcess alertmanager) throws Exception {
        return JSON.readTree(Http.getOk(alertmanager.url() + "/api/v2/alerts"));
    }
}
