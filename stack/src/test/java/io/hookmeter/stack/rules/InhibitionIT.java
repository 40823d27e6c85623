package io.hookmeter.stack.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookmeter.harness.Http;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The shipped Alertmanager config, run by the real Alertmanager: a critical alert silences the warning of the same
 * concern and subject, and nothing else, including alerts that share no labels at all (the empty-`equal` pitfall).
 */
@ExtendWith(RealServers.class)
class InhibitionIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void criticalSilencesOnlyItsOwnWarning(Servers servers) throws Exception {
        Path config = ShippedStack.copy("alertmanager", servers.directory("am-config"), Map.of(), ShippedStack.Edit.NONE)
                .resolve("alertmanager.yml");
        ManagedProcess alertmanager = servers.alertmanager(config);
        String alerts = """
                [
                 {"labels": {"alertname": "HostCpuCritical", "severity": "critical", "concern": "cpu", "instance": "h1"}},
                 {"labels": {"alertname": "HostCpuHigh", "severity": "warning", "concern": "cpu", "instance": "h1"}},
                 {"labels": {"alertname": "HostCpuHigh", "severity": "warning", "concern": "cpu", "instance": "h2"}},
                 {"labels": {"alertname": "HostMemoryHigh", "severity": "warning", "concern": "memory", "instance": "h1"}},
                 {"labels": {"alertname": "HostDiskCritical", "severity": "critical", "concern": "disk", "instance": "h1", "mountpoint": "/"}},
                 {"labels": {"alertname": "HostDiskHigh", "severity": "warning", "concern": "disk", "instance": "h1", "mountpoint": "/"}},
                 {"labels": {"alertname": "HostDiskFillingUp", "severity": "warning", "concern": "disk", "instance": "h1", "mountpoint": "/"}},
                 {"labels": {"alertname": "HostDiskHigh", "severity": "warning", "concern": "disk", "instance": "h1", "mountpoint": "/data"}},
                 {"labels": {"alertname": "DailyCostBudgetExceeded", "severity": "critical", "concern": "cost", "job": "hookmeter"}},
                 {"labels": {"alertname": "CostBurnRateHigh", "severity": "warning", "concern": "cost", "job": "hookmeter"}},
                 {"labels": {"alertname": "AlertEscalated", "severity": "critical", "escalated_from": "TurnFailuresHigh"}},
                 {"labels": {"alertname": "TokenUsageAnomaly", "severity": "warning", "job": "hookmeter"}},
                 {"labels": {"alertname": "ToolErrorRateHigh", "severity": "warning", "instance": "h1", "tool": "Bash"}}
                ]""";
        var post = Http.send("POST", alertmanager.url() + "/api/v2/alerts", alerts, "application/json");
        assertEquals(200, post.statusCode(), post.body());

        Map<String, String> states = new TreeMap<>();
        for (JsonNode alert : JSON.readTree(Http.getOk(alertmanager.url() + "/api/v2/alerts"))) {
            JsonNode labels = alert.get("labels");
            String key = labels.get("alertname").asText() + " " + labels.path("instance").asText("-") + " "
                    + labels.path("mountpoint").asText("-");
            states.put(key, alert.at("/status/state").asText());
        }
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("HostCpuCritical h1 -", "active"),
                Map.entry("HostCpuHigh h1 -", "suppressed"),
                Map.entry("HostCpuHigh h2 -", "active"),
                Map.entry("HostMemoryHigh h1 -", "active"),
                Map.entry("HostDiskCritical h1 /", "active"),
                Map.entry("HostDiskHigh h1 /", "suppressed"),
                Map.entry("HostDiskFillingUp h1 /", "suppressed"),
                Map.entry("HostDiskHigh h1 /data", "active"),
                Map.entry("DailyCostBudgetExceeded - -", "active"),
                Map.entry("CostBurnRateHigh - -", "suppressed"),
                Map.entry("AlertEscalated - -", "active"),
                // No concern, no instance, no mountpoint on either side: without the guard these would be "equal".
                Map.entry("TokenUsageAnomaly - -", "active"),
                Map.entry("ToolErrorRateHigh h1 -", "active")));
        assertEquals(expected, states);
    }
}
