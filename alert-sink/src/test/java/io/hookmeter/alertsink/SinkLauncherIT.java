package io.hookmeter.alertsink;

import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import io.hookmeter.harness.FreePorts;
import io.hookmeter.harness.Http;
import io.hookmeter.harness.Launchers;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.Servers;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher {@code alert-sink/bin/hookmeter-alert-sink} runs the packaged jar as a real process. */
class SinkLauncherIT {
    static Path launcher() {
        return Launchers.repoRoot().resolve("alert-sink/bin/hookmeter-alert-sink");
    }

    @Test
    void servesWebhooksAndWritesTheLogWhereTold() throws Exception {
        try (Servers servers = new Servers()) {
            Path data = servers.directory("sink-data");
            int port = FreePorts.next();
            ManagedProcess sink = servers.start("alert-sink", List.of(launcher().toString(),
                    "--web.listen-address=127.0.0.1:" + port, "--log.max-files=2"), port, "/-/healthy",
                    Map.of("HOOKMETER_ALERT_SINK_LOG_FILE", data.resolve("alerts.jsonl").toString()));
            var response = Http.send("POST", sink.url() + "/alerts",
                    "{\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"X\"}}]}",
                    "application/json");
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(Files.readString(data.resolve("alerts.jsonl")).contains("\"alertname\":\"X\""));
            assertTrue(Files.readString(data.resolve("alerts-firing.json")).contains("\"alertname\" : \"X\""));
            assertTrue(Http.getOk(sink.url() + "/metrics").contains("hookmeter_alert_sink_firing_alerts 1.0"));
        }
    }

    @Test
    void aBadOptionIsOneLineAndExitCode2() {
        CommandResult result = Commands.run(List.of(launcher().toString(), "--log.max-files=zero"), null, Map.of(),
                Launchers.repoRoot(), Duration.ofSeconds(60));
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals("hookmeter-alert-sink: log.max-files: expected a whole number from 1 to 100, got 'zero'",
                result.err().strip());
    }
}
