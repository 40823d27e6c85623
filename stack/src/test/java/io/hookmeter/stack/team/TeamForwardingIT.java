package io.hookmeter.stack.team;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookmeter.harness.Http;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.PrometheusApi;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.hookmeter.harness.Binaries;
import io.hookmeter.harness.FreePorts;
import io.hookmeter.harness.Launchers;

import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forwarders of deploy/team. Two developer machines (a real agent and a real vmagent through deploy/team/forwarder each) forward into a real
 * single-node VictoriaMetrics, which then goes away and comes back on the same port and data directory; and
 * Prometheus in agent mode from deploy/team/prometheus-agent.yml, the other forwarder.
 */
@ExtendWith(RealServers.class)
class TeamForwardingIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String COUNT = "hookmeter_tool_duration_seconds_count";

    @Test
    void twoMachinesArriveWithTheirLabelsAndAStoreOutageLosesNothing(Servers servers) throws Exception {
        ManagedProcess store = servers.victoriaMetrics();
        ManagedProcess exporter = servers.exporter();
        Machine a = new Machine(servers, "alice", "laptop-a");
        Machine b = new Machine(servers, "bob", "laptop-b");
        a.toolCall("Bash", true);
        b.toolCall("Read", true);
        a.agentUrl(WAIT);
        b.agentUrl(WAIT);
        ManagedProcess forwarderA = servers.vmagent(store.url(), forwarderEnv(a, exporter));
        servers.vmagent(store.url(), forwarderEnv(b, exporter));

        a.toolCall("Bash", true);
        a.toolCall("Bash", false);
        b.toolCall("Read", true);
        PrometheusApi api = new PrometheusApi(store);
        Map<String, Double> before = Map.of("alice laptop-a Bash success", 2.0, "alice laptop-a Bash error", 1.0,
                "bob laptop-b Read success", 2.0, "bob laptop-b Read error", 0.0);
        awaitCounts(api, before);

        // Every label as the agent serves it, plus the forwarder's team; nothing renamed to exported_*.
        for (JsonNode series : api.result(COUNT)) {
            assertEquals(Set.of("__name__", "job", "instance", "user", "team", "tool", "outcome", "agent"),
                    names(series.get("metric")), series.toString());
            assertEquals("hookmeter", series.get("metric").get("job").asText());
            assertEquals("platform", series.get("metric").get("team").asText());
        }
        // The exporter's series under each machine's name, as job node, so host and hook series join on instance.
        JsonNode hosts = api.awaitResult("count by (instance, team) (node_load1{job=\"node\"})", WAIT,
                r -> r.size() == 2);
        assertEquals(Set.of("laptop-a", "laptop-b"), values(hosts, "instance"), hosts.toString());

        store.stop();
        long stoppedAt = System.currentTimeMillis();
        for (int i = 0; i < 4; i++) {
            a.toolCall("Bash", true);
        }
        for (int i = 0; i < 3; i++) {
            b.toolCall("Read", true);
        }
        b.toolCall("Read", false);
        a.awaitApplied(WAIT);
        b.awaitApplied(WAIT);
        // The forwarders scraped the new totals while the store was away: they wait in the on-disk buffer.
        awaitBuffered(forwarderA);
        Thread.sleep(2_000);  // a couple more scrapes of machine B too (scrape interval 1 s)

        ManagedProcess restarted = servers.victoriaMetricsAgain(store);
        long restartedAt = System.currentTimeMillis();
        Map<String, Double> after = Map.of("alice laptop-a Bash success", 6.0, "alice laptop-a Bash error", 1.0,
                "bob laptop-b Read success", 5.0, "bob laptop-b Read error", 1.0);
        PrometheusApi again = new PrometheusApi(restarted);
        awaitCounts(again, after);

        // Not only the totals after the restart: the samples scraped during the outage arrived, with their times.
        long seconds = (restartedAt - stoppedAt) / 1000 + 1;
        JsonNode during = again.api("query?query=" + URLEncoder.encode(COUNT
                + "{user=\"alice\",tool=\"Bash\",outcome=\"success\"}[" + seconds + "s]", StandardCharsets.UTF_8)
                + "&time=" + restartedAt / 1000.0).get("result").get(0).get("values");
        int inOutage = 0;
        for (JsonNode sample : during) {
            double at = sample.get(0).asDouble() * 1000;
            if (at > stoppedAt && at < restartedAt && sample.get(1).asDouble() == 6.0) {
                inOutage++;
            }
        }
        assertTrue(inOutage >= 1, "samples of the outage with the new total: " + during);
        assertEquals("2", again.result("count(count by (instance) (up{job=\"hookmeter-agent\"}))").get(0)
                .get("value").get(1).asText());
    }

    @Test
    void prometheusInAgentModeForwardsTheSameWay(Servers servers) throws Exception {
        ManagedProcess store = servers.victoriaMetrics();
        ManagedProcess exporter = servers.exporter();
        Machine c = new Machine(servers, "carol", "desktop-c");
        c.toolCall("Grep", true);
        String agent = c.agentUrl(WAIT).substring("http://".length());
        // The shipped file with this machine's addresses and the store's URL, scraping and sending every second.
        String config = Files.readString(Launchers.repoRoot().resolve("deploy/team/prometheus-agent.yml"));
        for (String[] change : new String[][] {{"'127.0.0.1:9096'", "'" + agent + "'"},
                {"'127.0.0.1:9101'", "'127.0.0.1:" + exporter.port() + "'"},
                {"http://127.0.0.1:8428" + TeamStore.WRITE, store.url() + TeamStore.WRITE},
                {"scrape_interval: 15s", "scrape_interval: 1s"}, {"batch_send_deadline: 5s", "batch_send_deadline: 1s"}}) {
            assertTrue(config.contains(change[0]), change[0]);
            config = config.replace(change[0], change[1]);
        }
        Path dir = servers.directory("prometheus-agent");
        Files.writeString(dir.resolve("prometheus-agent.yml"), config);
        int port = FreePorts.next();
        servers.start("prometheus-agent", List.of(Binaries.require(Binaries.PROMETHEUS).toString(),
                "--enable-feature=agent,expand-external-labels", "--config.file=" + dir.resolve("prometheus-agent.yml"),
                "--storage.agent.path=" + dir.resolve("wal"), "--web.listen-address=127.0.0.1:" + port), port,
                "/-/ready", Map.of("HOOKMETER_TEAM", "platform", "HOOKMETER_INSTANCE", "desktop-c"));

        c.toolCall("Grep", true);
        PrometheusApi api = new PrometheusApi(store);
        awaitCounts(api, Map.of("carol desktop-c Grep success", 2.0, "carol desktop-c Grep error", 0.0));
        for (JsonNode series : api.result(COUNT)) {
            assertEquals(Set.of("__name__", "job", "instance", "user", "team", "tool", "outcome", "agent"),
                    names(series.get("metric")), series.toString());
        }
        JsonNode host = api.awaitNonEmpty("node_load1{job=\"node\", team=\"platform\"}", WAIT);
        assertEquals("desktop-c", host.get(0).get("metric").get("instance").asText(), host.toString());
    }

    private static Map<String, String> forwarderEnv(Machine machine, ManagedProcess exporter) {
        Map<String, String> env = new HashMap<>();
        env.put("HOOKMETER_HOME", machine.home.toString());
        env.put("HOOKMETER_INSTANCE", machine.instance);
        env.put("HOOKMETER_TEAM", "platform");
        env.put("HOOKMETER_SCRAPE_INTERVAL", "1s");
        env.put("HOOKMETER_EXPORTER_TARGET", "127.0.0.1:" + exporter.port());
        return env;
    }

    /** Waits until the store holds exactly these counts, keyed "user instance tool outcome". */
    private static void awaitCounts(PrometheusApi api, Map<String, Double> expected) {
        String query = "sum by (user, instance, tool, outcome) (" + COUNT + "{job=\"hookmeter\",team=\"platform\"})";
        api.awaitResult(query, WAIT, result -> counts(result).equals(new TreeMap<>(expected)));
    }

    private static Map<String, Double> counts(JsonNode result) {
        Map<String, Double> counts = new TreeMap<>();
        for (JsonNode series : result) {
            JsonNode m = series.get("metric");
            counts.put(m.path("user").asText() + " " + m.path("instance").asText() + " " + m.path("tool").asText()
                    + " " + m.path("outcome").asText(), series.get("value").get(1).asDouble());
        }
        return counts;
    }

    /** Waits until vmagent reports data held in its on-disk queue. */
    private static void awaitBuffered(ManagedProcess vmagent) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            double pending = Http.getOk(vmagent.url() + "/metrics").lines()
                    .filter(l -> l.startsWith("vm_persistentqueue_bytes_pending"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            if (pending > 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("vmagent buffered nothing while the store was down");
    }

    private static Set<String> names(JsonNode metric) {
        Set<String> names = new TreeSet<>();
        metric.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> values(JsonNode result, String label) {
        Set<String> values = new TreeSet<>();
        result.forEach(series -> values.add(series.get("metric").path(label).asText()));
        return values;
    }
}
