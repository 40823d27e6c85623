package io.hookmeter.stack.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.hookmeter.harness.Http;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ready-to-fill receivers work once filled: with their routes uncommented and their secret files written, the
 * real Alertmanager sends the Slack message rendered from templates/hookmeter.tmpl to the URL in
 * secrets/slack_webhook_url, and the ntfy webhook with the token from secrets/ntfy_token. A local HTTP server stands
 * in for Slack and ntfy.
 */
@ExtendWith(RealServers.class)
class ReceiversIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Request(String path, String authorization, String body) {
    }

    @Test
    void slackAndNtfyReceiveTheRenderedNotification(Servers servers) throws Exception {
        BlockingQueue<Request> received = new ArrayBlockingQueue<>(16);
        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        fake.createContext("/", exchange -> {
            try (exchange) {
                received.add(new Request(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        fake.start();
        try {
            String base = "http://127.0.0.1:" + fake.getAddress().getPort();
            Path dir = ShippedStack.copy("alertmanager", servers.directory("am-config"), Map.of(), (file, text) ->
                    file.equals("alertmanager.yml") ? ShippedStack.replaceAll(text, ShippedStack.pairs(
                            "group_wait: 30s", "group_wait: 1s",
                            "    # - receiver: slack\n    #   matchers: ['severity=~\"critical|warning\"']\n    #   continue: true",
                            "    - receiver: slack\n      matchers: ['severity=~\"critical|warning\"']\n      continue: true",
                            "    # - receiver: ntfy\n    #   matchers: ['severity=~\"critical|warning\"']\n    #   continue: true",
                            "    - receiver: ntfy\n      matchers: ['severity=~\"critical|warning\"']\n      continue: true",
                            "https://ntfy.sh/hookmeter-CHANGE-ME", base + "/ntfy-topic")) : text);
            Files.writeString(dir.resolve("secrets/slack_webhook_url"), base + "/slack-hook\n");
            Files.writeString(dir.resolve("secrets/ntfy_token"), "tk_test_token");
            ManagedProcess alertmanager = servers.alertmanager(dir.resolve("alertmanager.yml"));

            var post = Http.send("POST", alertmanager.url() + "/api/v2/alerts", """
                    [{"labels": {"alertname": "HostDiskCritical", "severity": "critical", "concern": "disk",
                                 "instance": "h:9101", "mountpoint": "/"},
                      "annotations": {"summary": "Filesystem / above 98 % on h:9101",
                                      "description": "/ (/dev/sda1) on h:9101 is 99% used; the critical threshold is 98 %.",
                                      "runbook_url": "https://docs.example/hookmeter/runbooks.md#hostdiskcritical"}}]""", "application/json");
            assertEquals(200, post.statusCode(), post.body());

            Request slack = null;
            Request ntfy = null;
            while (slack == null || ntfy == null) {
                Request request = received.poll(60, TimeUnit.SECONDS);
                assertNotNull(request, "Slack and ntfy were not both called; Alertmanager log:\n" + alertmanager.log());
                if (request.path().equals("/slack-hook")) {
                    slack = request;
                } else if (request.path().equals("/ntfy-topic")) {
                    ntfy = request;
                }
            }
            JsonNode attachment = JSON.readTree(slack.body()).get("attachments").get(0);
            assertEquals("[FIRING:1] HostDiskCritical (critical) on h:9101", attachment.get("title").asText());
            String text = attachment.get("text").asText();
            assertTrue(text.contains("FIRING: Filesystem / above 98 % on h:9101"), text);
            assertTrue(text.contains("is 99% used"), text);
            assertTrue(text.contains("Runbook: https://docs.example/hookmeter/runbooks.md#hostdiskcritical"), text);

            assertEquals("Bearer tk_test_token", ntfy.authorization());
            assertEquals("HostDiskCritical", JSON.readTree(ntfy.body()).at("/alerts/0/labels/alertname").asText());
        } finally {
            fake.stop(0);
        }
    }
}
