package io.hookmeter.stack.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookmeter.stack.dashboards.Dashboards.Dashboard;
import io.hookmeter.stack.dashboards.Dashboards.Query;
import io.hookmeter.stack.dashboards.PromQl.Matcher;
import io.hookmeter.stack.dashboards.PromQl.Selector;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The dashboard rules, after grafana/dashboard-linter plus our own: each method returns the problems it found in
 * one dashboard, as readable sentences. An empty list means the dashboard passes.
 */
final class DashboardLint {
    /** Grafana 11.x dashboards. */
    static final Set<String> SCHEMA_VERSIONS = Set.of("39", "40");
    static final String DATASOURCE_VARIABLE = "${datasource}";
    /** Query variables every dashboard has, in this order, each filtered by the ones before. */
    static final List<String> REQUIRED_VARIABLES = List.of("job", "instance");
    /** Variables of labels that some series of the same family lack on purpose. */
    static final List<String> OPTIONAL_LABEL_VARIABLES = List.of("project");
    /** Metrics that carry a label a dashboard may offer as a variable (tool, model). */
    static final Map<String, Pattern> LABEL_CARRIERS = Map.of(
            "tool", Pattern.compile("hookmeter_tool_.*|\\w*tool\\w*:.*"),
            "model", Pattern.compile("hookmeter_(subagent_)?(tokens|cost_usd|api_requests)_total|\\w*model\\w*:.*"),
            // Every series hookmeter pushes carries user (the grouping key), and so do the rules that keep it.
            "user", Pattern.compile("hookmeter_\\w+|push_(failure_)?time_seconds|instance\\w*:hookmeter_\\w+:\\w+"),
            "agent", Pattern.compile("hookmeter_tool_duration_seconds_\\w+"));
    /** Rare events scaled to "per hour" from a short window: one event reads as dozens per hour. */
    static final Pattern RATE_PER_HOUR = Pattern.compile(
            "\\bi?rate\\((?:[^()]|\\([^()]*\\))*\\[\\$__rate_interval]\\)(?:\\s*\\))*\\s*\\*\\s*3600\\b");
    /** Grafana's custom unit: a suffix after the value ("suffix: tokens"). */
    static final Pattern CUSTOM_UNIT = Pattern.compile("suffix: ?\\S.*");
    /** Ranges Grafana sizes from the time picker and the scrape interval; fixed durations are not allowed. */
    static final Set<String> RANGES = Set.of("$__rate_interval", "$__interval", "$__range");
    static final Set<String> RATE_FUNCTIONS = Set.of("rate", "irate");
    static final Set<String> COUNTER_FUNCTIONS = Set.of("rate", "irate", "increase");
    /** Panel types that hold other panels or text and so have no queries. */
    static final Set<String> CONTAINERS = Set.of("row");
    /** Grafana unit ids the dashboards may use (from Grafana's value format categories). */
    static final Set<String> UNITS = Set.of("none", "short", "percent", "percentunit", "bytes", "decbytes", "bits",
            "Bps", "binBps", "bps", "pps", "ops", "reqps", "rps", "wps", "iops", "cps", "cpm", "opm", "rpm", "wpm",
            "ns", "µs", "ms", "s", "m", "h", "d", "dtdurationms", "dtdurations", "dthms", "dtdhms",
            "dateTimeAsIso", "dateTimeFromNow", "currencyUSD", "bool", "bool_yes_no", "bool_on_off", "celsius",
            "hertz", "string");

    private final Dashboard dashboard;
    private final Map<String, String> datasourceTypes;
    private final List<String> problems = new ArrayList<>();

    private DashboardLint(Dashboard dashboard, Map<String, String> datasourceTypes) {
        this.dashboard = dashboard;
        this.datasourceTypes = datasourceTypes;
    }

    /** Every rule over one dashboard; {@code datasourceTypes} are the provisioned datasources by uid. */
    static List<String> check(Dashboard dashboard, Map<String, String> datasourceTypes) {
        DashboardLint lint = new DashboardLint(dashboard, datasourceTypes);
        lint.basics();
        lint.datasourceVariable();
        lint.queryVariables();
        lint.panels();
        lint.layout();
        lint.datasources();
        for (Query query : dashboard.queries()) {
            lint.query(query);
        }
        lint.variablesUsed();
        return lint.problems;
    }

    private void problem(String text) {
        problems.add(dashboard + ": " + text);
    }

    private void basics() {
        JsonNode json = dashboard.json();
        if (json.path("uid").asText().isBlank()) {
            problem("no uid");
        }
        if (json.path("title").asText().isBlank() || json.path("description").asText().isBlank()) {
            problem("needs a title and a description");
        }
        if (!SCHEMA_VERSIONS.contains(json.path("schemaVersion").asText())) {
            problem("schemaVersion " + json.path("schemaVersion") + " is not one of " + SCHEMA_VERSIONS);
        }
        if (json.path("time").path("from").asText().isBlank()) {
            problem("no default time range");
        }
        String refresh = json.path("refresh").asText();
        boolean offered = false;
        for (JsonNode interval : json.path("timepicker").path("refresh_intervals")) {
            offered |= interval.asText().equals(refresh);
        }
        if (refresh.isBlank() || !offered) {
            problem("refresh '" + refresh + "' must be set and offered in timepicker.refresh_intervals");
        }
        boolean tagged = false;
        for (JsonNode tag : json.path("tags")) {
            tagged |= tag.asText().equals("hookmeter");
        }
        boolean linked = false;
        for (JsonNode link : json.path("links")) {
            if (link.path("type").asText().equals("dashboards")) {
                for (JsonNode tag : link.path("tags")) {
                    linked |= tag.asText().equals("hookmeter");
                }
            }
        }
        if (!tagged || !linked) {
            problem("must carry the tag 'hookmeter' and link to the dashboards tagged 'hookmeter'");
        }
    }

    private void datasourceVariable() {
        JsonNode variable = dashboard.variable("datasource");
        if (variable == null || !variable.path("type").asText().equals("datasource")
                || !variable.path("query").asText().equals("prometheus")) {
            problem("needs a variable 'datasource' of type datasource for prometheus");
            return;
        }
        String current = variable.path("current").path("value").asText();
        if (!"prometheus".equals(datasourceTypes.get(current))) {
            problem("the datasource variable's default '" + current + "' is not a provisioned Prometheus uid");
        }
        // A dashboard of raw series shows nothing on the long-term server (it only has the aggregates): the
        // picker must not offer it. Grafana filters the datasource variable's options by name with `regex`.
        Set<String> offered = offeredDatasources(variable);
        if (!"prometheus-longterm".equals(current) && !offered.equals(Set.of(current))) {
            problem("the datasource picker offers " + offered + ", but only '" + current
                    + "' has this dashboard's series: set the variable's regex");
        }
    }

    /** The uids of the provisioned Prometheus datasources whose name the variable's regex lets through. */
    private static Set<String> offeredDatasources(JsonNode variable) {
        String regex = variable.path("regex").asText("");
        java.util.regex.Matcher slashed = Pattern.compile("^/(.*)/([a-z]*)$").matcher(regex);
        Pattern filter = regex.isEmpty() ? Pattern.compile(".*")
                : slashed.matches() ? Pattern.compile(slashed.group(1), slashed.group(2).contains("i")
                        ? Pattern.CASE_INSENSITIVE : 0)
                : Pattern.compile(regex);
        Set<String> offered = new java.util.TreeSet<>();
        Provisioning.datasources().forEach((uid, ds) -> {
            if ("prometheus".equals(String.valueOf(ds.get("type")))
                    && filter.matcher(String.valueOf(ds.get("name"))).find()) {
                offered.add(uid);
            }
        });
        return offered;
    }

    private void queryVariables() {
        List<String> before = new ArrayList<>();
        for (String name : REQUIRED_VARIABLES) {
            if (dashboard.variable(name) == null) {
                problem("needs a query variable '" + name + "'");
            }
        }
        for (JsonNode variable : dashboard.variables()) {
            String name = variable.path("name").asText();
            if (!variable.path("type").asText().equals("query")) {
                continue;
            }
            if (!variable.path("datasource").path("uid").asText().equals(DATASOURCE_VARIABLE)) {
                problem("variable " + name + " must query datasource " + DATASOURCE_VARIABLE);
            }
            // A label some series lack (project: none outside a git work tree) needs '.*' so that All keeps them.
            String all = OPTIONAL_LABEL_VARIABLES.contains(name) ? ".*" : ".+";
            if (!variable.path("multi").asBoolean() || !variable.path("includeAll").asBoolean()
                    || !variable.path("allValue").asText().equals(all)) {
                problem("variable " + name + " must be multi-select with All = '" + all + "'");
            }
            if (!variable.path("query").isTextual()) {
                // Grafana rebuilds the object form of a label_values query from metric/label fields, not "query".
                problem("variable " + name + " must give its query as a label_values(...) string");
            }
            String query = Dashboards.variableQuery(variable);
            Dashboards.LabelValues labelValues = Dashboards.LabelValues.of(variable);
            if (labelValues == null || !labelValues.label().equals(name)) {
                problem("variable " + name + " must be label_values(<selector>, " + name + "), is: " + query);
            } else {
                for (Selector selector : PromQl.selectors(labelValues.selector())) {
                    for (String earlier : before) {
                        requireMatcher("variable " + name, selector, earlier);
                    }
                }
            }
            before.add(name);
        }
    }

    private void panels() {
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.panels()) {
            String title = panel.path("title").asText();
            if (!ids.add(panel.path("id").asInt(-1)) || !panel.has("id")) {
                problem("panel '" + title + "' has a missing or duplicate id " + panel.path("id"));
            }
            if (CONTAINERS.contains(panel.path("type").asText())) {
                continue;
            }
            if (title.isBlank() || panel.path("description").asText().isBlank()) {
                problem("panel '" + title + "' needs a title and a description");
            }
            String unit = panel.path("fieldConfig").path("defaults").path("unit").asText();
            if (!UNITS.contains(unit) && !CUSTOM_UNIT.matcher(unit).matches()) {
                problem("panel '" + title + "' has no or an unknown unit '" + unit + "'");
            }
            for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
                for (JsonNode property : override.path("properties")) {
                    String value = property.path("value").asText();
                    if (property.path("id").asText().equals("unit") && !UNITS.contains(value)
                            && !CUSTOM_UNIT.matcher(value).matches()) {
                        problem("panel '" + title + "' overrides with an unknown unit " + property.path("value"));
                    }
                }
            }
            if (panel.path("targets").isEmpty()) {
                problem("panel '" + title + "' has no targets");
            }
            for (JsonNode target : panel.path("targets")) {
                if (target.path("expr").asText().isBlank()) {
                    problem("panel '" + title + "' has a target without a query");
                }
            }
        }
    }

    private void layout() {
        List<JsonNode> panels = dashboard.panels();
        for (int i = 0; i < panels.size(); i++) {
            JsonNode a = panels.get(i).path("gridPos");
            String title = panels.get(i).path("title").asText();
            if (a.path("w").asInt() <= 0 || a.path("h").asInt() <= 0 || a.path("x").asInt(-1) < 0
                    || a.path("y").asInt(-1) < 0 || a.path("x").asInt() + a.path("w").asInt() > 24) {
                problem("panel '" + title + "' has an invalid gridPos " + a);
            }
            for (int j = i + 1; j < panels.size(); j++) {
                JsonNode b = panels.get(j).path("gridPos");
                boolean apart = a.path("x").asInt() + a.path("w").asInt() <= b.path("x").asInt()
                        || b.path("x").asInt() + b.path("w").asInt() <= a.path("x").asInt()
                        || a.path("y").asInt() + a.path("h").asInt() <= b.path("y").asInt()
                        || b.path("y").asInt() + b.path("h").asInt() <= a.path("y").asInt();
                if (!apart) {
                    problem("panels '" + title + "' and '" + panels.get(j).path("title").asText() + "' overlap");
                }
            }
        }
    }

    private void datasources() {
        for (JsonNode panel : dashboard.panels()) {
            String title = panel.path("title").asText();
            if (!CONTAINERS.contains(panel.path("type").asText())) {
                datasourceReference("panel '" + title + "'", panel.path("datasource"));
            }
            for (JsonNode target : panel.path("targets")) {
                datasourceReference("panel '" + title + "' target " + target.path("refId").asText(),
                        target.path("datasource"));
            }
        }
        for (JsonNode variable : dashboard.variables()) {
            if (variable.has("datasource")) {
                datasourceReference("variable " + variable.path("name").asText(), variable.path("datasource"));
            }
        }
    }

    private void datasourceReference(String what, JsonNode reference) {
        String uid = reference.isTextual() ? reference.asText() : reference.path("uid").asText();
        if (uid.equals(DATASOURCE_VARIABLE) || uid.equals("$datasource")) {
            return;
        }
        if (!datasourceTypes.containsKey(uid)) {
            problem(what + " uses datasource '" + uid + "', which is neither provisioned nor " + DATASOURCE_VARIABLE);
        } else if (reference.has("type") && !reference.path("type").asText().equals(datasourceTypes.get(uid))) {
            problem(what + " names datasource " + uid + " with the wrong type " + reference.path("type"));
        }
    }

    private void query(Query query) {
        String where = "panel '" + query.panelTitle() + "' " + query.target().path("refId").asText();
        List<Selector> selectors;
        try {
            selectors = PromQl.selectors(query.expr());
        } catch (IllegalArgumentException e) {
            problem(where + ": cannot read the query: " + e.getMessage());
            return;
        }
        if (selectors.isEmpty()) {
            problem(where + ": the query selects no series: " + query.expr());
        }
        if (RATE_PER_HOUR.matcher(query.expr()).find()) {
            problem(where + ": rate(...[$__rate_interval]) * 3600 turns one rare event into dozens per hour; count "
                    + "events with increase(...[$__interval]) and a panel interval of 1h, or over [$__range]");
        }
        for (Selector selector : selectors) {
            for (String label : REQUIRED_VARIABLES) {
                requireMatcher(where, selector, label);
            }
            LABEL_CARRIERS.forEach((label, metrics) -> {
                if (dashboard.variable(label) != null && metrics.matcher(selector.name()).matches()) {
                    requireMatcher(where, selector, label);
                }
            });
            if (selector.range() != null) {
                if (!RANGES.contains(selector.range())) {
                    problem(where + ": range [" + selector.range() + "] of " + selector.name()
                            + " must be one of " + RANGES);
                } else if (RATE_FUNCTIONS.contains(selector.enclosingCall())
                        && !selector.range().equals("$__rate_interval")) {
                    problem(where + ": " + selector.enclosingCall() + "(" + selector.name()
                            + ") must use [$__rate_interval]");
                } else if (selector.range().equals("$__range") && !query.instant()) {
                    problem(where + ": [$__range] only makes sense in an instant query");
                } else if (selector.range().equals("$__interval") && "increase".equals(selector.enclosingCall())
                        && !query.instant() && query.minInterval() == null) {
                    problem(where + ": increase(" + selector.name() + "[$__interval]) counts per Grafana step, "
                            + "which changes with the range: give the panel an interval (1h: counts per hour)");
                }
            }
            if (selector.isCounter() && (selector.range() == null
                    || !COUNTER_FUNCTIONS.contains(selector.enclosingCall()))) {
                problem(where + ": counter " + selector.name() + " must be used inside rate/irate/increase");
            }
        }
    }

    /**
     * The selector must filter {@code label} by the variable of the same name ({@code =~"$label"}). A recorded
     * series that summed the label away may instead match a regex made of the variable, which only its All
     * value matches (the team rule's {@code selection=~"$instance/$user/$project"}).
     */
    private void requireMatcher(String where, Selector selector, String label) {
        Matcher matcher = selector.matchers().get(label);
        // "($job)?" also keeps series without the label (ALERTS of global alerts such as Watchdog). Not "$job|":
        // VictoriaMetrics 1.79 does not match a missing label with ".+|", the form it takes at All.
        Set<String> accepted = new LinkedHashSet<>(List.of("$" + label, "${" + label + "}", "($" + label + ")?"));
        boolean filtered = matcher != null && matcher.op().equals("=~") && accepted.contains(matcher.value());
        boolean onlyAtAll = matcher == null && selector.name().contains(":") && selector.matchers().values().stream()
                .anyMatch(m -> m.op().equals("=~") && GrafanaMacros.used(m.value()).contains(label));
        if (!filtered && !onlyAtAll) {
            problem(where + ": selector " + selector.name() + " must filter " + label + "=~\"$" + label + "\"");
        }
    }

    private void variablesUsed() {
        Set<String> used = new HashSet<>();
        for (Query query : dashboard.queries()) {
            used.addAll(GrafanaMacros.used(query.expr()));
            used.addAll(GrafanaMacros.used(query.datasourceUid()));
        }
        for (JsonNode variable : dashboard.variables()) {
            used.addAll(GrafanaMacros.used(Dashboards.variableQuery(variable)));
            used.addAll(GrafanaMacros.used(variable.path("datasource").path("uid").asText()));
        }
        for (JsonNode variable : dashboard.variables()) {
            if (!used.contains(variable.path("name").asText())) {
                problem("variable " + variable.path("name").asText() + " is never used");
            }
        }
    }
}
