package io.hookmeter.stack.rules;

import io.hookmeter.harness.Binaries;
import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.hookmeter.stack.rules.AlertRulesContractTest.list;
import static io.hookmeter.stack.rules.AlertRulesContractTest.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** alertmanager/alertmanager.yml routes each severity where docs/alerting.md says, checked by amtool. */
class AlertmanagerRoutesTest {

    @ParameterizedTest(name = "{0} goes to {1}")
    @CsvSource({
            "'alertname=HostCpuCritical severity=critical concern=cpu instance=h:9101', critical",
            "'alertname=HostCpuHigh severity=warning concern=cpu instance=h:9101', warning",
            "'alertname=AlertEscalated severity=critical escalated_from=ToolErrorRateHigh', critical",
            "'alertname=Watchdog severity=info', watchdog",
            "'alertname=SomethingElse severity=info', info",
            "'alertname=NoSeverity', default",
    })
    void routesBySeverity(String labels, String receiver) {
        List<String> command = new ArrayList<>(List.of(Binaries.require(Binaries.AMTOOL).toString(), "config",
                "routes", "test", "--config.file=" + ShippedStack.ROOT.resolve("alertmanager/alertmanager.yml"),
                "--verify.receivers=" + receiver));
        command.addAll(List.of(labels.split(" ")));
        CommandResult result = Commands.run(command, null, Map.of(), ShippedStack.ROOT, Duration.ofMinutes(1));
        assertEquals(0, result.exitCode(), String.join(" ", command) + "\n" + result);
        assertEquals(receiver, result.out().strip());
    }

    @Test
    void timingsAreTheSpecifiedOnes() throws IOException {
        Map<String, Object> config = new Yaml().load(Files.readString(ShippedStack.ROOT.resolve("alertmanager/alertmanager.yml")));
        Map<String, Object> route = map(config.get("route"));
        assertEquals(List.of("alertname", "instance"), route.get("group_by"));
        assertEquals("30s", route.get("group_wait"));
        assertEquals("5m", route.get("group_interval"));
        for (Object child : list(route.get("routes"))) {
            Map<String, Object> r = map(child);
            switch (String.valueOf(r.get("receiver"))) {
                case "critical" -> assertEquals("15m", r.get("repeat_interval"));
                case "warning" -> assertEquals("4h", r.get("repeat_interval"));
                default -> { }
            }
        }
    }

    /** The empty-`equal` pitfall: an inhibition must only ever match alerts that carry the shared label. */
    @Test
    void everyInhibitionRequiresItsSharedLabelOnBothSides() throws IOException {
        Map<String, Object> config = new Yaml().load(Files.readString(ShippedStack.ROOT.resolve("alertmanager/alertmanager.yml")));
        List<Object> rules = list(config.get("inhibit_rules"));
        assertTrue(!rules.isEmpty());
        for (Object rule : rules) {
            Map<String, Object> r = map(rule);
            List<Object> equal = list(r.get("equal"));
            assertTrue(equal.contains("concern"), "inhibition without the shared concern label: " + r);
            assertTrue(list(r.get("source_matchers")).contains("concern=~\".+\""), "source may lack concern: " + r);
            assertTrue(list(r.get("target_matchers")).contains("concern=~\".+\""), "target may lack concern: " + r);
        }
    }
}
