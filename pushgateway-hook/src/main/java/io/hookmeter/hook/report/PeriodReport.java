package io.hookmeter.hook.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hookmeter.hook.cli.Context;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.config.UserHome;
import io.hookmeter.hook.json.StrictJson;
import io.hookmeter.hook.state.StateJson;
import io.hookmeter.hook.tokens.ModelTotals;
import io.hookmeter.hook.tokens.PriceConfig;
import io.hookmeter.hook.tokens.TokenDelta;
import io.hookmeter.hook.tokens.TranscriptHistory.Period;
import io.hookmeter.hook.tokens.TranscriptHistory;
import io.hookmeter.hook.tokens.Usage;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code hookmeter report --by day|week|month [--projects DIR] [--json]} ({@link ReportCommand} reads the command
 * line): tokens and cost per period, like ccusage's
 * daily and monthly reports, read offline from the transcripts ({@link TranscriptHistory}); periods are days of the
 * configured day zone (HOOKMETER_DAY_TIMEZONE), weeks from Monday, calendar months.
 */
final class PeriodReport {
    private PeriodReport() {
    }

    /** Prints the report of {@code projects} (null: Claude Code's own folder); returns the exit status. */
    static int run(Period period, Path projects, boolean json, Context context) {
        Map<String, String> env = context.env();
        PrintStream out = context.out();
        PrintStream err = context.err();
        HookConfig config = HookConfig.load(env);
        ZoneId zone = config.dayZone();
        Path folder = projects != null ? projects : projectsFolder(env);
        TranscriptHistory.Result result = new TranscriptHistory(PriceConfig.load(config, err::println))
                .read(List.of(folder), zone, period);
        for (String problem : result.unreadable()) {
            err.println("hookmeter report: cannot read " + problem);
        }
        try {
            if (json) {
                json(out, folder, zone, period, result);
            } else {
                text(out, folder, zone, period, result);
            }
        } catch (IOException e) {
            err.println("hookmeter report: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    /** The period named {@code day}, {@code week} or {@code month}; null for anything else. */
    static Period period(String text) {
        return switch (text) {
            case "day" -> Period.DAY;
            case "week" -> Period.WEEK;
            case "month" -> Period.MONTH;
            default -> null;
        };
    }

    /** Claude Code's transcripts: {@code $CLAUDE_CONFIG_DIR/projects}, else {@code ~/.claude/projects}. */
    static Path projectsFolder(Map<String, String> env) {
        String configDir = env.get("CLAUDE_CONFIG_DIR");
        Path claude = configDir != null && !configDir.isBlank() ? Path.of(configDir) : UserHome.of(env).resolve(".claude");
        return claude.resolve("projects");
    }

    private static void text(PrintStream out, Path folder, ZoneId zone, Period period,
                             TranscriptHistory.Result result) {
        out.println("Tokens and cost per " + period.name().toLowerCase(Locale.ROOT) + " (time zone " + name(zone)
                + "), from " + result.files() + " transcript(s) in " + folder);
        String format = "%-10s %14s %12s %14s %14s %14s %12s  %s%n";
        out.printf(Locale.ROOT, format, period == Period.WEEK ? "week of" : period.name().toLowerCase(Locale.ROOT),
                "input", "output", "cache write", "cache read", "total tokens", "cost USD", "models");
        Usage all = Usage.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        for (Map.Entry<LocalDate, TokenDelta> entry : result.periods().entrySet()) {
            Usage usage = usage(entry.getValue());
            all = all.plus(usage);
            cost = cost.add(entry.getValue().costUsd());
            out.printf(Locale.ROOT, format, period.label(entry.getKey()), usage.input(), usage.output(),
                    usage.cacheCreation(), usage.cacheRead(), usage.total(), money(entry.getValue().costUsd()),
                    String.join(", ", entry.getValue().byModel().keySet()));
        }
        out.printf(Locale.ROOT, format, "total", all.input(), all.output(), all.cacheCreation(), all.cacheRead(),
                all.total(), money(cost), "");
        TreeSet<String> unpriced = unpriced(result);
        if (!unpriced.isEmpty()) {
            out.println("No price for " + String.join(", ", unpriced) + ": their cost counts as 0 (price.* in "
                    + "config.properties).");
        }
        if (result.undated() > 0) {
            out.println(result.undated() + " response(s) without a timestamp are in no period.");
        }
    }

    private static void json(PrintStream out, Path folder, ZoneId zone, Period period,
                             TranscriptHistory.Result result) throws IOException {
        JsonGenerator gen = StrictJson.FACTORY.createGenerator(out);
        gen.useDefaultPrettyPrinter();
        gen.writeStartObject();
        gen.writeStringField("by", period.name().toLowerCase(Locale.ROOT));
        gen.writeStringField("time_zone", name(zone));
        gen.writeStringField("projects", folder.toString());
        gen.writeNumberField("transcripts", result.files());
        gen.writeNumberField("undated_responses", result.undated());
        gen.writeArrayFieldStart("periods");
        for (Map.Entry<LocalDate, TokenDelta> entry : result.periods().entrySet()) {
            gen.writeStartObject();
            gen.writeStringField("period", period.label(entry.getKey()));
            gen.writeStringField("start", entry.getKey().toString());
            totals(gen, usage(entry.getValue()), entry.getValue().costUsd());
            gen.writeArrayFieldStart("models");
            for (Map.Entry<String, ModelTotals> model : entry.getValue().byModel().entrySet()) {
                gen.writeStartObject();
                gen.writeStringField("model", model.getKey());
                gen.writeNumberField("requests", model.getValue().requests());
                gen.writeBooleanField("priced", model.getValue().priced());
                totals(gen, model.getValue().tokens(), model.getValue().costUsd());
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeEndObject();
        gen.flush();
        out.println();
    }

    private static void totals(JsonGenerator gen, Usage usage, BigDecimal cost) throws IOException {
        gen.writeNumberField("input_tokens", usage.input());
        gen.writeNumberField("output_tokens", usage.output());
        gen.writeNumberField("cache_creation_tokens", usage.cacheCreation());
        gen.writeNumberField("cache_read_tokens", usage.cacheRead());
        gen.writeNumberField("total_tokens", usage.total());
        gen.writeNumberField("cost_usd", cost);
    }

    private static Usage usage(TokenDelta delta) {
        return delta.byModel().values().stream().map(ModelTotals::tokens).reduce(Usage.ZERO, Usage::plus);
    }

    private static TreeSet<String> unpriced(TranscriptHistory.Result result) {
        TreeSet<String> models = new TreeSet<>();
        result.periods().values().forEach(delta -> delta.byModel().forEach((model, totals) -> {
            if (!totals.priced()) {
                models.add(model);
            }
        }));
        return models;
    }

    /** "UTC" for the default zone (whose id is "Z"), else the id as configured. */
    private static String name(ZoneId zone) {
        return zone.equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    private static String money(BigDecimal cost) {
        return cost.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
