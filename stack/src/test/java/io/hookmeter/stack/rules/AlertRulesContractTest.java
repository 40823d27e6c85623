package io.hookmeter.stack.rules;

import io.hookmeter.stack.LongTermWrite;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What other parts (dashboards, docs, external checks, the compose file) rely on in the shipped rules: the exact
 * alert names, their severity and annotations, a runbook section for each, a promtool test for each, the one place
 * of the daily budget, and the service:port address form.
 */
class AlertRulesContractTest {
    /**
     * Exactly the names of issue 8, the agent's spool alert, the quota alert and the long-term tier's write alert;
     * dashboards, docs and external checks refer to them.
     */
    static final Set<String> ALERTS = Set.of("HostCpuHigh", "HostCpuCritical", "HostMemoryHigh",
            "HostMemoryCritical", "HostDiskHigh", "HostDiskCritical", "HostDiskFillingUp",
            "ClaudeProcessMemoryGrowing", "ToolErrorRateHigh", "ToolLatencyDegraded", "HookOverheadHigh",
            "DailyCostBudgetExceeded", "CostBurnRateHigh", "TokenUsageAnomaly", "TurnFailuresHigh", "ExporterDown",
            "PushgatewayDown", "HookPushesFailing", "HookmeterSpoolBacklog", "PrometheusRuleFailures",
            "AlertmanagerNotificationsFailing", "Watchdog", "AlertEscalated", "FiveHourQuotaRunningOut",
            "LongTermWriteFailing");
    private static final Pattern RECORD_NAME = Pattern.compile("[a-z_]+:[a-z0-9_]+:[a-z0-9_]+");

    @Test
    void theAlertsAreExactlyTheContractedOnes() {
        assertEquals(new TreeSet<>(ALERTS), new TreeSet<>(alerts().keySet()));
    }

    @Test
    void everyAlertHasSeverityAnnotationsAndARunbookSection() throws IOException {
        String runbooks = Files.readString(ShippedStack.ROOT.resolve("docs/runbooks.md"));
        alerts().forEach((name, rule) -> {
            Map<String, Object> labels = map(rule.get("labels"));
            Map<String, Object> annotations = map(rule.get("annotations"));
            assertTrue(Set.of("info", "warning", "critical").contains(labels.get("severity")), name + " severity");
            assertTrue(text(annotations.get("summary")).length() > 10, name + " summary");
            assertTrue(text(annotations.get("description")).contains("$value"), name + " description shows no value");
            assertEquals("{{ $externalLabels.runbooks_url }}#" + name.toLowerCase(Locale.ROOT),
                    annotations.get("runbook_url"), name);
            assertTrue(runbooks.contains("\n## " + name + "\n"), "docs/runbooks.md has no section ## " + name);
        });
    }

    /** The links' base is a real address, of the page that holds the sections above. */
    @Test
    void theRunbookLinksPointAtTheProjectsRunbooksPageByDefault() {
        assertTrue(ShippedStack.runbooksUrl().matches("https://[^\\s#,&'\"\\\\]+/docs/runbooks\\.md"),
                ShippedStack.runbooksUrl());
    }

    @Test
    void recordingRulesAreNamedLevelMetricOperations() {
        for (Map<String, Object> rule : rules()) {
            if (rule.containsKey("record")) {
                assertTrue(RECORD_NAME.matcher(text(rule.get("record"))).matches(), text(rule.get("record")));
            }
        }
    }

    /** The long-term tier receives names ending in 1h/1d: only the hourly and daily aggregate groups may use them. */
    @Test
    void onlyTheHourlyAndDailyGroupsRecordLongTermNames() throws IOException {
        Pattern longTerm = Pattern.compile(".+:.+:.+(1h|1d)");
        assertEquals(longTerm.pattern(), LongTermWrite.keptNames().pattern(), "the remote write keeps other names");
        for (Path file : ShippedStack.ruleFiles()) {
            Map<String, Object> root = new Yaml().load(Files.readString(file));
            for (Object group : list(root.get("groups"))) {
                Map<String, Object> g = map(group);
                for (Object rule : list(g.get("rules"))) {
                    String record = text(map(rule).get("record"));
                    if (record.isEmpty()) {
                        continue;
                    }
                    String interval = text(g.get("interval"));
                    boolean aggregate = interval.equals("1h") || interval.equals("1d");
                    assertEquals(aggregate, longTerm.matcher(record).matches(), file.getFileName() + ": " + record);
                    if (aggregate) {
                        assertTrue(record.endsWith(interval), record + " in a group of interval " + interval);
                    }
                }
            }
        }
    }

    /** Every alert is tested firing, and (but the Watchdog, which always fires) tested not firing on an edge. */
    @Test
    void everyAlertHasAPromtoolTestThatFiresAndOneThatDoesNot() throws IOException {
        Set<String> fires = new HashSet<>();
        Set<String> silent = new HashSet<>();
        for (Path test : files(ShippedStack.ROOT.resolve("prometheus/tests"))) {
            Map<String, Object> root = new Yaml().load(Files.readString(test));
            for (Object group : list(root.get("tests"))) {
                for (Object check : list(map(group).get("alert_rule_test"))) {
                    Map<String, Object> c = map(check);
                    (list(c.get("exp_alerts")).isEmpty() ? silent : fires).add(text(c.get("alertname")));
                }
            }
        }
        for (String alert : ALERTS) {
            assertTrue(fires.contains(alert), alert + " has no promtool test where it fires");
            assertTrue(alert.equals("Watchdog") || silent.contains(alert), alert + " has no promtool test where it stays silent");
        }
    }

    @Test
    void eachWarningCriticalPairSharesAConcernLabel() {
        Map<String, Map<String, Object>> alerts = alerts();
        for (String[] pair : new String[][]{{"HostCpuHigh", "HostCpuCritical"}, {"HostMemoryHigh", "HostMemoryCritical"},
                {"HostDiskHigh", "HostDiskCritical"}, {"CostBurnRateHigh", "DailyCostBudgetExceeded"}}) {
            Object warning = map(alerts.get(pair[0]).get("labels")).get("concern");
            assertTrue(warning != null && !text(warning).isEmpty(), pair[0] + " has no concern label");
            assertEquals(warning, map(alerts.get(pair[1]).get("labels")).get("concern"), pair[1]);
            assertEquals("warning", map(alerts.get(pair[0]).get("labels")).get("severity"));
            assertEquals("critical", map(alerts.get(pair[1]).get("labels")).get("severity"));
        }
    }

    @Test
    void theDailyBudgetIsSetInExactlyOnePlace() throws IOException {
        List<String> places = new ArrayList<>();
        for (Path file : ShippedStack.ruleFiles()) {
            if (Files.readString(file).contains("record: job:hookmeter_cost_budget_usd:daily")) {
                places.add(file.getFileName().toString());
            }
        }
        assertEquals(List.of("budget.yml"), places);
        String alerting = Files.readString(ShippedStack.ROOT.resolve("docs/alerting.md"));
        assertTrue(alerting.contains("prometheus/rules/budget.yml"), "docs/alerting.md must say where the budget is");
    }

    /**
     * The shipped files name the services only as service:canonicalPort (scripts/stack and the tests replace that
     * text): no other "service:" and no address glued to a longer name, which a plain replacement would break.
     */
    @Test
    void servicesAreAddressedOnlyAsServiceColonCanonicalPort() throws IOException {
        for (String folder : List.of("prometheus", "alertmanager")) {
            try (Stream<Path> walk = Files.walk(ShippedStack.ROOT.resolve(folder))) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(file);
                    for (Map.Entry<String, Integer> service : ShippedStack.SERVICES.entrySet()) {
                        Matcher m = Pattern.compile("(.?)" + Pattern.quote(service.getKey()) + ":(\\d*)").matcher(text);
                        while (m.find()) {
                            String where = file + ": '" + m.group() + "'";
                            boolean standalone = m.group(1).isEmpty() || !m.group(1).matches("[\\w.-]");
                            if (standalone) {
                                assertEquals(String.valueOf(service.getValue()), m.group(2), where + " is not the canonical address");
                            } else {
                                assertTrue(m.group(2).isEmpty(), where + " would be broken by the address rewrite");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void theRewriteIsPlainText() {
        assertEquals("targets: ['127.0.0.1:19093'] and 127.0.0.1:9094",
                ShippedStack.rewriteAddresses("targets: ['alertmanager:9093'] and prometheus-longterm:9094",
                        Map.of("alertmanager", 19093)));
    }

    static Map<String, Map<String, Object>> alerts() {
        Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
        for (Map<String, Object> rule : rules()) {
            if (rule.containsKey("alert")) {
                Object previous = alerts.put(text(rule.get("alert")), rule);
                assertEquals(null, previous, "alert defined twice: " + rule.get("alert"));
            }
        }
        return alerts;
    }

    static List<Map<String, Object>> rules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Path file : ShippedStack.ruleFiles()) {
            try {
                Map<String, Object> root = new Yaml().load(Files.readString(file));
                for (Object group : list(root.get("groups"))) {
                    for (Object rule : list(map(group).get("rules"))) {
                        rules.add(map(rule));
                    }
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return rules;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
