package io.hookmeter.hook.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hookmeter.hook.cli.Args;
import io.hookmeter.hook.cli.Command;
import io.hookmeter.hook.cli.Context;
import io.hookmeter.hook.cli.UsageException;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.json.StrictJson;
import io.hookmeter.hook.state.CorruptStateException;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.StateJson;
import io.hookmeter.hook.state.StateStore;
import io.hookmeter.hook.tokens.ModelUsageReport;
import io.hookmeter.hook.tokens.TranscriptHistory.Period;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * {@code hookmeter report [--since 24h|7d] [--json]}: per-tool figures from the local state file, no network
 * needed, then tokens and cost per model over the {@code --since} period (default 24h; see
 * {@link ModelUsageReport}). With {@code --by day|week|month}: the transcripts' history instead ({@link PeriodReport}).
 */
public final class ReportCommand implements Command {
    @Override
    public int run(List<String> args, Context context) throws UsageException {
        Args options = Args.parse(args, "--since DURATION", "--by PERIOD", "--projects DIR", "--json");
        options.positional(0, 0);
        boolean json = options.has("--json");
        if (options.has("--by")) {
            Period period = PeriodReport.period(options.get("--by"));
            if (period == null) {
                throw new UsageException("--by must be day, week or month");
            }
            if (options.has("--since")) {
                throw new UsageException("--since does not go with --by");
            }
            String projects = options.get("--projects");
            return PeriodReport.run(period, projects == null ? null : Path.of(projects), json, context);
        }
        if (options.has("--projects")) {
            throw new UsageException("--projects goes with --by");
        }
        String since = options.get("--since", ModelUsageReport.DEFAULT_SINCE);
        if (ModelUsageReport.parseSince(since) == null) {
            throw new UsageException("--since must be a duration from 1h to 8d, such as 24h or 7d");
        }
        PrintStream out = context.out();
        PrintStream err = context.err();
        HookConfig config = HookConfig.load(context.env());
        StateStore store = new StateStore(config.home(), message -> { });
        MetricsState state;
        try {
            state = store.readOnly();
        } catch (IOException | CorruptStateException e) {
            err.println("hookmeter report: cannot read " + store.stateFile() + ": " + e.getMessage()
                    + " (the next hook run moves a damaged file aside)");
            return 1;
        }
        List<ToolSummary> tools = ToolSummary.of(state);
        ModelUsageReport models = ModelUsageReport.of(state, ModelUsageReport.parseSince(since),
                System.currentTimeMillis());
        try {
            if (json) {
                json(out, store, tools, since, models);
            } else {
                text(out, store, tools);
                out.println();
                out.println("Tokens and cost per model, last " + since + ":");
                models.printTable(out);
            }
        } catch (IOException e) {
            err.println("hookmeter report: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private static void text(PrintStream out, StateStore store, List<ToolSummary> tools) {
        out.println("Tool calls recorded in " + store.stateFile());
        if (tools.isEmpty()) {
            out.println("(none yet)");
            return;
        }
        String format = "%-32s %8s %8s %10s %10s %10s  %s%n";
        out.printf(Locale.ROOT, format, "tool", "calls", "success", "mean", "p50", "p95", "last call");
        for (ToolSummary t : tools) {
            out.printf(Locale.ROOT, format, t.tool(), t.calls(),
                    String.format(Locale.ROOT, "%.1f%%", 100 * t.successRate()),
                    seconds(t.meanSeconds()), seconds(t.p50Seconds()), seconds(t.p95Seconds()),
                    t.lastCallSeconds() > 0 ? Instant.ofEpochMilli((long) (t.lastCallSeconds() * 1000))
                            .truncatedTo(ChronoUnit.SECONDS).toString() : "-");
        }
        out.println("p50/p95 are estimated from the histogram buckets; calls without a duration count in calls only.");
    }

    private static String seconds(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return value < 1 ? String.format(Locale.ROOT, "%.0f ms", value * 1000)
                : String.format(Locale.ROOT, "%.2f s", value);
    }

    private static void json(PrintStream out, StateStore store, List<ToolSummary> tools, String since,
                             ModelUsageReport models) throws IOException {
        JsonGenerator gen = StrictJson.FACTORY.createGenerator(out);
        gen.useDefaultPrettyPrinter();
        gen.writeStartObject();
        gen.writeStringField("state_file", store.stateFile().toString());
        gen.writeArrayFieldStart("tools");
        for (ToolSummary t : tools) {
            gen.writeStartObject();
            gen.writeStringField("tool", t.tool());
            gen.writeNumberField("calls", t.calls());
            gen.writeNumberField("success_rate", t.successRate());
            gen.writeNumberField("measured_calls", t.measured());
            number(gen, "mean_seconds", t.meanSeconds());
            number(gen, "p50_seconds", t.p50Seconds());
            number(gen, "p95_seconds", t.p95Seconds());
            if (t.lastCallSeconds() > 0) {
                gen.writeNumberField("last_call_timestamp_seconds", t.lastCallSeconds());
                gen.writeStringField("last_call", Instant.ofEpochMilli((long) (t.lastCallSeconds() * 1000)).toString());
            } else {
                gen.writeNullField("last_call_timestamp_seconds");
                gen.writeNullField("last_call");
            }
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeStringField("since", since);
        gen.writeFieldName("models");
        models.writeJson(gen);
        gen.writeEndObject();
        gen.flush();
        out.println();
    }

    /** NaN (no measured call) is written as null: JSON has no NaN. */
    private static void number(JsonGenerator gen, String field, double value) throws IOException {
        if (Double.isNaN(value)) {
            gen.writeNullField(field);
        } else {
            gen.writeNumberField(field, value);
        }
    }
}
