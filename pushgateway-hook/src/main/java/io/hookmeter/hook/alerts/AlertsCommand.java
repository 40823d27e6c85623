package io.hookmeter.hook.alerts;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hookmeter.hook.cli.Args;
import io.hookmeter.hook.cli.Command;
import io.hookmeter.hook.cli.Context;
import io.hookmeter.hook.cli.UsageException;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.json.StrictJson;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code hookmeter alerts [--json]}: the alerts firing now in Alertmanager ({@code HOOKMETER_ALERTMANAGER_URL}),
 * most urgent first. Exit 0 with the list (possibly empty), 1 when Alertmanager cannot be asked, 2 on bad usage.
 * The answer also refreshes the status line's cache.
 */
public final class AlertsCommand implements Command {
    static final int TIMEOUT_MILLIS = 5000;
    private static final Comparator<FiringAlert> ORDER = Comparator.comparing(FiringAlert::severity,
            Severity.MOST_URGENT_FIRST).thenComparing(a -> a.startsAt() == null ? "" : a.startsAt())
            .thenComparing(FiringAlert::name);

    @Override
    public int run(List<String> args, Context context) throws UsageException {
        Args options = Args.parse(args, "--json");
        options.positional(0, 0);
        boolean json = options.has("--json");
        PrintStream out = context.out();
        PrintStream err = context.err();
        Path home = HookConfig.load(context.env()).home();
        AlertmanagerClient client = AlertmanagerClient.fromEnvironment(context.env());
        AlertSummaryCache cache = new AlertSummaryCache(home);
        List<FiringAlert> alerts;
        try {
            alerts = new ArrayList<>(client.firing(TIMEOUT_MILLIS));
        } catch (IOException | RuntimeException e) {
            err.println("hookmeter alerts: cannot ask Alertmanager at " + client.baseUrl() + ": " + describe(e));
            err.println("  (set HOOKMETER_ALERTMANAGER_URL if it runs elsewhere)");
            return 1;
        }
        cache.write(AlertSummary.of(alerts, System.currentTimeMillis()));
        alerts.sort(ORDER);
        if (json) {
            printJson(client, alerts, out);
        } else {
            printTable(client, alerts, out);
        }
        return 0;
    }

    private static void printTable(AlertmanagerClient client, List<FiringAlert> alerts, PrintStream out) {
        if (alerts.isEmpty()) {
            out.println("no firing alerts at " + client.baseUrl());
            return;
        }
        out.println(alerts.size() + (alerts.size() == 1 ? " firing alert" : " firing alerts") + " at "
                + client.baseUrl());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SEVERITY", "ALERT", "INSTANCE", "SINCE", "SUMMARY"});
        for (FiringAlert alert : alerts) {
            rows.add(new String[] {alert.severity(), alert.name(), alert.labels().getOrDefault("instance", "-"),
                    alert.startsAt() == null ? "-" : alert.startsAt(), alert.summary() == null ? "" : alert.summary()});
        }
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            out.println(line.append(row[4]).toString().stripTrailing());
        }
    }

    private static void printJson(AlertmanagerClient client, List<FiringAlert> alerts, PrintStream out) {
        try (JsonGenerator json = StrictJson.FACTORY.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeStringField("alertmanager", client.baseUrl());
            json.writeArrayFieldStart("alerts");
            for (FiringAlert alert : alerts) {
                json.writeStartObject();
                json.writeStringField("name", alert.name());
                json.writeStringField("severity", alert.severity());
                json.writeStringField("starts_at", alert.startsAt());
                json.writeStringField("summary", alert.summary());
                json.writeObjectFieldStart("labels");
                for (Map.Entry<String, String> label : alert.labels().entrySet()) {
                    json.writeStringField(label.getKey(), label.getValue());
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e); // a PrintStream does not throw
        }
        out.println();
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
