package io.hookmeter.hook.alerts;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AlertsJsonTest {
    /** As Alertmanager 0.25 answers: no notification_reason anywhere. */
    private static final String V025 = """
            [{"annotations":{"summary":"CPU busy 97% on h1"},"endsAt":"2026-11-21T05:00:00Z","fingerprint":"a1",
              "receivers":[{"name":"default"}],"startsAt":"2026-11-21T04:00:00Z",
              "status":{"inhibitedBy":[],"silencedBy":[],"state":"active"},"updatedAt":"2026-11-21T04:01:00Z",
              "generatorURL":"http://p/graph","labels":{"alertname":"HostCpuCritical","instance":"h1","severity":"critical"}},
             {"annotations":{},"startsAt":"2026-11-21T04:02:00Z","status":{"state":"suppressed","silencedBy":["s"]},
              "labels":{"alertname":"HostCpuHigh","instance":"h1","severity":"warning"}},
             {"labels":{"alertname":"Watchdog"},"status":{"state":"active"}}]""";

    @Test
    void readsFiringAlertsAndSkipsSuppressedOnes() throws IOException {
        List<FiringAlert> alerts = AlertsJson.firing(V025);
        assertEquals(List.of(
                new FiringAlert("HostCpuCritical", "critical", "2026-11-21T04:00:00Z", "CPU busy 97% on h1",
                        Map.of("alertname", "HostCpuCritical", "instance", "h1", "severity", "critical")),
                new FiringAlert("Watchdog", "none", null, null, Map.of("alertname", "Watchdog"))), alerts);
        AlertSummary summary = AlertSummary.of(alerts, 5);
        assertEquals("critical", summary.worst());
        assertEquals(List.of("critical", "none"), List.copyOf(summary.bySeverity().keySet()));
    }

    @Test
    void versionsWithNotificationReasonReadTheSame() throws IOException {
        String newer = V025.replace("\"fingerprint\":\"a1\",", "\"fingerprint\":\"a1\",\"notification_reason\":"
                + "{\"kind\":\"new\",\"since\":\"x\"},").replace("\"state\":\"active\"}",
                "\"state\":\"active\",\"notification_reason\":\"repeat\"}");
        assertEquals(AlertsJson.firing(V025), AlertsJson.firing(newer));
    }

    @Test
    void somethingElseIsAClearError() {
        assertEquals("Alertmanager answered something other than a JSON array of alerts",
                assertThrows(IOException.class, () -> AlertsJson.firing("{\"status\":\"error\"}")).getMessage());
        assertThrows(IOException.class, () -> AlertsJson.firing("[{\"labels\":"));
    }
}
