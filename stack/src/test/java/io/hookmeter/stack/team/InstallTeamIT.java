package io.hookmeter.stack.team;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookmeter.harness.Binaries;
import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.FreePorts;
import io.hookmeter.harness.Launchers;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.PrometheusApi;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hookmeter install --team URL} through the real launcher, then the forwarder service it wrote, run as the
 * user's service manager would run it (its ExecStart with its Environment), with the real vmagent into a real
 * single-node VictoriaMetrics: the machine's calls arrive with its team, and with their project where the session
 * worked in a git work tree.
 */
@ExtendWith(RealServers.class)
class InstallTeamIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void oneCommandSetsTheMachineUpAndItsCallsReachTheStoreWithTeamAndProject(Servers servers) throws Exception {
        ManagedProcess store = servers.victoriaMetrics();
        ManagedProcess exporter = servers.exporter();
        Machine machine = new Machine(servers, "dana", "laptop-d");
        Path work = servers.directory("work");
        Path shop = Files.createDirectories(work.resolve("shop/.git")).getParent();

        Path user = servers.directory("user-home");
        Path vmagent = Binaries.require(Binaries.VMAGENT);
        Map<String, String> env = new HashMap<>(machine.env());
        env.put("HOME", user.toString());
        env.put("CLAUDE_CONFIG_DIR", user.resolve(".claude").toString());
        env.put("XDG_CONFIG_HOME", user.resolve(".config").toString());
        env.put("PATH", vmagent.getParent() + ":" + System.getenv("PATH"));
        CommandResult install = servers.hookmeter(null, env, "install", "--no-start", "--no-statusline",
                "--team", store.url(), "--team-name", "platform");
        assertEquals(0, install.exitCode(), install.toString());
        assertTrue(install.out().contains("systemctl --user enable --now hookmeter-forwarder.service"),
                install.toString());
        Path unit = user.resolve(".config/systemd/user/hookmeter-forwarder.service");
        assertTrue(Files.exists(user.resolve(".config/systemd/user/hookmeter-agent.service")), install.toString());
        Service service = Service.read(unit);
        assertEquals(List.of(Launchers.repoRoot().resolve("deploy/team/forwarder").toString(), store.url()),
                service.command, Files.readString(unit));
        assertEquals("platform", service.env.get("HOOKMETER_TEAM"));
        assertEquals("laptop-d", service.env.get("HOOKMETER_INSTANCE"));
        assertEquals(machine.home.toString(), service.env.get("HOOKMETER_HOME"));
        assertEquals(vmagent.toString(), service.env.get("VMAGENT"));

        machine.toolCall("Read", true, shop.resolve("src"));
        machine.toolCall("Read", true, shop);
        machine.toolCall("Read", true, work);
        machine.toolCall("Bash", false, null);
        machine.awaitApplied(WAIT);

        // The unit's command and environment, plus what a test changes: free ports, a 1 s scrape, our exporter.
        Map<String, String> run = new HashMap<>(service.env);
        int port = FreePorts.next();
        run.put("HOOKMETER_FORWARDER_LISTEN", "127.0.0.1:" + port);
        run.put("HOOKMETER_SCRAPE_INTERVAL", "1s");
        run.put("HOOKMETER_EXPORTER_TARGET", "127.0.0.1:" + exporter.port());
        servers.start("forwarder-service", service.command, port, "/health", run);

        PrometheusApi api = new PrometheusApi(store);
        JsonNode result = api.awaitResult("sum by (project, tool, outcome) (hookmeter_tool_duration_seconds_count"
                + "{team=\"platform\", instance=\"laptop-d\", user=\"dana\"})", WAIT,
                r -> counts(r).equals(Map.of("shop Read success", 2.0, "shop Read error", 0.0,
                        " Read success", 1.0, " Read error", 0.0, " Bash success", 0.0, " Bash error", 1.0)));
        assertEquals(6, result.size(), result.toString());
        api.awaitNonEmpty("node_load1{job=\"node\", team=\"platform\", instance=\"laptop-d\"}", WAIT);

        CommandResult uninstall = servers.hookmeter(null, env, "uninstall", "--no-start");
        assertEquals(0, uninstall.exitCode(), uninstall.toString());
        assertTrue(Files.notExists(unit), uninstall.toString());
    }

    private static Map<String, Double> counts(JsonNode result) {
        Map<String, Double> counts = new TreeMap<>();
        for (JsonNode series : result) {
            JsonNode m = series.get("metric");
            counts.put(m.path("project").asText() + " " + m.path("tool").asText() + " " + m.path("outcome").asText(),
                    series.get("value").get(1).asDouble());
        }
        return counts;
    }

    /** ExecStart and Environment of a systemd unit as install writes them (values quoted only when needed). */
    private record Service(List<String> command, Map<String, String> env) {
        static Service read(Path unit) throws java.io.IOException {
            List<String> command = new ArrayList<>();
            Map<String, String> env = new HashMap<>();
            for (String line : Files.readAllLines(unit)) {
                if (line.startsWith("ExecStart=")) {
                    command.addAll(words(line.substring("ExecStart=".length())));
                } else if (line.startsWith("Environment=")) {
                    String pair = words(line.substring("Environment=".length())).get(0);
                    env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
            return new Service(command, env);
        }

        private static List<String> words(String text) {
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == '\\' && quoted && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else if (c == ' ' && !quoted) {
                    if (word.length() > 0) {
                        words.add(word.toString());
                        word.setLength(0);
                    }
                } else {
                    word.append(c);
                }
            }
            if (word.length() > 0) {
                words.add(word.toString());
            }
            return words;
        }
    }
}
