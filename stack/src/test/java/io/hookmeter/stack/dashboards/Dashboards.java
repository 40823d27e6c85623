package io.hookmeter.stack.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookmeter.harness.Launchers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The shipped dashboards in {@code grafana/dashboards/}, their panels and their queries. */
final class Dashboards {
    static final Path DIR = Launchers.repoRoot().resolve("grafana/dashboards");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Dashboards() {
    }

    record Dashboard(Path file, JsonNode json) {
        String uid() {
            return json.path("uid").asText();
        }

        String title() {
            return json.path("title").asText();
        }

        /** Every panel, the panels inside collapsed rows included. */
        List<JsonNode> panels() {
            List<JsonNode> all = new ArrayList<>();
            for (JsonNode panel : json.path("panels")) {
                all.add(panel);
                panel.path("panels").forEach(all::add);
            }
            return all;
        }

        List<JsonNode> variables() {
            List<JsonNode> all = new ArrayList<>();
            json.path("templating").path("list").forEach(all::add);
            return all;
        }

        JsonNode variable(String name) {
            return variables().stream().filter(v -> name.equals(v.path("name").asText())).findFirst().orElse(null);
        }

        /** The query of every target of every panel. */
        List<Query> queries() {
            List<Query> all = new ArrayList<>();
            for (JsonNode panel : panels()) {
                for (JsonNode target : panel.path("targets")) {
                    all.add(new Query(this, panel, target));
                }
            }
            return all;
        }

        @Override
        public String toString() {
            return file.getFileName().toString();
        }
    }

    /** One target of one panel. */
    record Query(Dashboard dashboard, JsonNode panel, JsonNode target) {
        String expr() {
            return target.path("expr").asText();
        }

        String panelTitle() {
            return panel.path("title").asText();
        }

        boolean instant() {
            return target.path("instant").asBoolean(false) && !target.path("range").asBoolean(false);
        }

        /** The datasource uid the target uses: its own, or else the panel's. */
        String datasourceUid() {
            JsonNode ds = target.has("datasource") ? target.get("datasource") : panel.path("datasource");
            return ds.isTextual() ? ds.asText() : ds.path("uid").asText();
        }

        /** The panel's minimum interval ("1h", "1d"), or null. */
        String minInterval() {
            String interval = panel.path("interval").asText("");
            return interval.isEmpty() ? null : interval;
        }

        /** Short name for messages: dashboard / panel / refId. */
        String where() {
            return dashboard.title() + " / " + panelTitle() + " / " + target.path("refId").asText();
        }
    }

    static List<Dashboard> all() {
        try (Stream<Path> files = Files.list(DIR)) {
            List<Dashboard> all = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                all.add(new Dashboard(file, JSON.readTree(file.toFile())));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The dashboards of one machine's stack: all but the team dashboards (file names with "team"), which read the
     * team store's labels (team, user, project) and are checked against it (TeamDashboardIT).
     */
    static List<Dashboard> singleMachine() {
        return all().stream().filter(d -> !isTeam(d)).toList();
    }

    static boolean isTeam(Dashboard dashboard) {
        return dashboard.file().getFileName().toString().contains("team");
    }

    private static final java.util.regex.Pattern LABEL_VALUES =
            java.util.regex.Pattern.compile("label_values\\((.*),\\s*(\\w+)\\)\\s*");

    /** A variable's {@code label_values(selector, label)} query. */
    record LabelValues(String selector, String label) {
        /** The query of a variable, or null when it is not a label_values(selector, label) query. */
        static LabelValues of(JsonNode variable) {
            java.util.regex.Matcher m = LABEL_VALUES.matcher(variableQuery(variable));
            return m.matches() ? new LabelValues(m.group(1), m.group(2)) : null;
        }
    }

    /** The query of a query variable: Grafana stores it as a string or as {"query": ...}. */
    static String variableQuery(JsonNode variable) {
        JsonNode query = variable.path("query");
        return query.isObject() ? query.path("query").asText() : query.asText();
    }
}
