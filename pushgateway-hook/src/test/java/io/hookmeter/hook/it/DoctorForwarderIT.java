package io.hookmeter.hook.it;

import io.hookmeter.harness.Binaries;
import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.FreePorts;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.PrometheusApi;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code hookmeter doctor} in team mode against the real vmagent, run by the shipped forwarder script, scraping the
 * real agent and a real node_exporter and remote-writing to a real single-node VictoriaMetrics, all on loopback;
 * the forwarder service file is the one {@code install --team} writes into a home of the test's own.
 */
@ExtendWith(RealServers.class)
class DoctorForwarderIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String STATUS = "`systemctl --user status hookmeter-forwarder.service`";

    @Test
    void allGoodThenTheStoreStops(Servers servers) throws Exception {
        ManagedProcess store = servers.victoriaMetrics();
        ManagedProcess node = servers.nodeExporter();
        Machine machine = new Machine(servers);
        CommandResult agent = machine.runs.run("agent", "start");
        assertEquals(0, agent.exitCode(), agent.toString());
        ManagedProcess vmagent = servers.vmagent(store.url(), Map.of(
                "HOOKMETER_HOME", machine.runs.home.toString(),
                "HOOKMETER_TEAM", "platform",
                "HOOKMETER_INSTANCE", "laptop-d",
                "HOOKMETER_SCRAPE_INTERVAL", "1s",
                "HOOKMETER_EXPORTER_TARGET", "127.0.0.1:" + node.port()));
        String listen = "127.0.0.1:" + vmagent.port();
        Path unit = machine.install(store.url(), listen);
        new PrometheusApi(store).awaitResult("count(up{team=\"platform\"} == 1)", WAIT,
                r -> r.size() == 1 && r.get(0).get("value").get(1).asInt() == 2);

        CommandResult good = machine.doctor();
        List<String> lines = good.out().lines().toList();
        assertEquals(0, good.exitCode(), good.toString());
        assertTrue(lines.contains("note     team mode: team platform, store " + store.url() + " (forwarder service "
                + unit + ")"), good.toString());
        assertTrue(lines.contains("ok       forwarder (vmagent) on " + listen + " scrapes 2 targets, all up"),
                good.toString());
        Matcher writes = find(lines, "ok       forwarder writes to " + Pattern.quote(store.url())
                + ": (\\d+) requests sent since vmagent started, none failed", good);
        assertTrue(Long.parseLong(writes.group(1)) > 0, good.toString());
        assertEquals("All checks passed.", lines.get(lines.size() - 1));

        store.stop();
        Pattern failing = Pattern.compile("PROBLEM  forwarder's remote write to " + Pattern.quote(store.url())
                + " failing: since vmagent started (\\d+) connection errors, 0 requests refused \\(not 2XX\\), (\\d+)"
                + " sent; (\\d+) bytes pending \\(" + Pattern.quote(STATUS) + " shows its log\\)");
        CommandResult down = machine.awaitDoctor(r -> r.out().lines().anyMatch(l -> failing.matcher(l).matches()));
        List<String> downLines = down.out().lines().toList();
        assertEquals(1, down.exitCode(), down.toString());
        Matcher failed = find(downLines, failing.pattern(), down);
        assertTrue(Long.parseLong(failed.group(1)) > 0, down.toString());
        assertTrue(Long.parseLong(failed.group(2)) >= Long.parseLong(writes.group(1)), down.toString());
        assertTrue(downLines.contains("ok       forwarder (vmagent) on " + listen + " scrapes 2 targets, all up"),
                down.toString());
        assertEquals("1 problem found.", downLines.get(downLines.size() - 1), down.toString());
    }

    @Test
    void aForwarderThatDoesNotRunOrAnotherProgramOnItsAddressIsAProblemThatSaysWhereToLook(Servers servers) throws Exception {
        Machine machine = new Machine(servers);
        CommandResult before = machine.doctor();
        assertFalse(before.out().contains("forwarder") || before.out().contains("team mode"),
                "no forwarder installed, nothing about it: " + before);

        String listen = "127.0.0.1:" + FreePorts.next();
        Path unit = machine.install("http://127.0.0.1:" + FreePorts.next(), listen);
        CommandResult doctor = machine.doctor();
        List<String> lines = doctor.out().lines().toList();
        assertEquals(1, doctor.exitCode(), doctor.toString());
        assertTrue(lines.contains("PROBLEM  forwarder (vmagent) not answering on " + listen
                + " (Connection refused): see " + STATUS), doctor.toString());
        assertFalse(doctor.out().contains("forwarder writes") || doctor.out().contains("scrapes"), doctor.toString());
        assertTrue(doctor.out().contains(unit.toString()), doctor.toString());
        assertEquals("1 problem found.", lines.get(lines.size() - 1), doctor.toString());

        // Something else on that address (a node_exporter answers any path with its page).
        ManagedProcess other = servers.nodeExporter();
        String taken = "127.0.0.1:" + other.port();
        machine.install("http://127.0.0.1:" + FreePorts.next(), taken);
        CommandResult confused = machine.doctor();
        List<String> confusedLines = confused.out().lines().toList();
        assertTrue(confusedLines.contains("PROBLEM  forwarder address " + taken + " answers /api/v1/targets with "
                + "something else than vmagent's list of targets: another program there, not vmagent? see "
                + STATUS), confused.toString());
        assertFalse(confused.out().contains("forwarder writes"), "nothing more asked there: " + confused);
        assertEquals("1 problem found.", confusedLines.get(confusedLines.size() - 1), confused.toString());
    }

    @Test
    void everyTargetTheForwarderCannotScrapeIsAProblemWithVmagentsError(Servers servers) throws Exception {
        ManagedProcess store = servers.victoriaMetrics();
        Machine machine = new Machine(servers);
        String agent = "127.0.0.1:" + FreePorts.next();
        String exporter = "127.0.0.1:" + FreePorts.next();
        ManagedProcess vmagent = servers.vmagent(store.url(), Map.of(
                "HOOKMETER_HOME", machine.runs.home.toString(),
                "HOOKMETER_AGENT_TARGET", agent,
                "HOOKMETER_EXPORTER_TARGET", exporter,
                "HOOKMETER_SCRAPE_INTERVAL", "1s"));
        machine.install(store.url(), "127.0.0.1:" + vmagent.port());

        String agentDown = "PROBLEM  forwarder cannot scrape http://" + agent + "/metrics (job hookmeter-agent): "
                + "error when scraping \"http://" + agent + "/metrics\": dial tcp4 " + agent + ": connect: "
                + "connection refused";
        String exporterDown = "PROBLEM  forwarder cannot scrape http://" + exporter + "/metrics (job node): "
                + "error when scraping \"http://" + exporter + "/metrics\": dial tcp4 " + exporter + ": connect: "
                + "connection refused";
        CommandResult doctor = machine.awaitDoctor(r -> r.out().lines().filter(l -> l.startsWith(agentDown)
                || l.startsWith(exporterDown)).count() == 2);
        assertEquals(1, doctor.exitCode(), doctor.toString());
        assertFalse(doctor.out().contains("all up"), doctor.toString());
        List<String> lines = doctor.out().lines().toList();
        assertEquals("2 problems found.", lines.get(lines.size() - 1), doctor.toString());
    }

    private static Matcher find(List<String> lines, String regex, CommandResult result) {
        Pattern pattern = Pattern.compile(regex);
        for (String line : lines) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.matches()) {
                return matcher;
            }
        }
        return fail("no line matches " + regex + " in " + result);
    }

    /** A developer's machine: a Hookmeter home, a user home with the hooks and services, no Pushgateway. */
    private static final class Machine {
        final HookRuns runs;
        final Path user;

        Machine(Servers servers) {
            runs = new HookRuns(servers, "http://127.0.0.1:9", "laptop-d");
            user = servers.directory("user-home");
            runs.env.put("HOOKMETER_PUSH_ENABLED", "false");
            runs.env.put("HOME", user.toString());
            runs.env.put("CLAUDE_CONFIG_DIR", user.resolve(".claude").toString());
            runs.env.put("XDG_CONFIG_HOME", user.resolve(".config").toString());
            runs.env.put("PATH", Binaries.require(Binaries.VMAGENT).getParent() + ":" + System.getenv("PATH"));
        }

        /** {@code install --team URL} with vmagent's address in the environment; the unit it wrote. */
        Path install(String storeUrl, String listen) {
            runs.env.put("HOOKMETER_FORWARDER_LISTEN", listen);
            CommandResult install = runs.run("install", "--no-start", "--no-statusline", "--team", storeUrl,
                    "--team-name", "platform");
            runs.env.remove("HOOKMETER_FORWARDER_LISTEN"); // doctor reads it from the unit
            assertEquals(0, install.exitCode(), install.toString());
            return user.resolve(".config/systemd/user/hookmeter-forwarder.service");
        }

        CommandResult doctor() {
            CommandResult doctor = runs.run("doctor");
            assertEquals("", doctor.err(), "never a stack trace: " + doctor);
            return doctor;
        }

        CommandResult awaitDoctor(Predicate<CommandResult> condition) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            CommandResult doctor = doctor();
            while (!condition.test(doctor)) {
                if (System.nanoTime() > deadline) {
                    fail("doctor never said it within " + WAIT + ": " + doctor);
                }
                Thread.sleep(1000);
                doctor = doctor();
            }
            return doctor;
        }
    }
}
