package io.hookmeter.hook.tokens;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hookmeter.hook.state.MetricsState;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-model part of {@code hookmeter report --since D}: tokens by type, API requests and cost per model over
 * the last D, summed from the ledger's hourly totals (kept {@link TokenLedger#HOURS_KEPT} hours). Hour granularity:
 * {@code --since 24h} covers the current hour and the 24 before it.
 *
 * <pre>{@code
 * ModelUsageReport models = ModelUsageReport.of(state, Duration.ofHours(24), System.currentTimeMillis());
 * models.printTable(out);          // or, inside a JSON report object: models.writeJson(generator)
 * }</pre>
 */
public final class ModelUsageReport {
    /** The period when {@code --since} is not given. */
    public static final String DEFAULT_SINCE = "24h";

    private final Map<String, ModelTotals> byModel;

    ModelUsageReport(Map<String, ModelTotals> byModel) {
        this.byModel = byModel;
    }

    /** From the state's token section; empty when nothing was counted (or the section is unreadable). */
    public static ModelUsageReport of(MetricsState state, Duration since, long nowMillis) {
        String section = state.section(TokenLedgerJson.SECTION);
        if (section == null) {
            return new ModelUsageReport(new TreeMap<>());
        }
        try {
            return of(TokenLedgerJson.fromJson(section), since, nowMillis);
        } catch (IOException | RuntimeException e) {
            return new ModelUsageReport(new TreeMap<>());
        }
    }

    static ModelUsageReport of(TokenLedger ledger, Duration since, long nowMillis) {
        long firstHour = (nowMillis - since.toMillis()) / TokenLedger.HOUR_MILLIS;
        Map<String, ModelTotals> sums = new TreeMap<>();
        ledger.hourly().forEach((hour, models) -> {
            if (hour >= firstHour) {
                models.forEach((model, totals) -> sums.merge(model, totals, ModelTotals::plus));
            }
        });
        return new ModelUsageReport(sums);
    }

    /** {@code Nh} or {@code Nd} within the hours kept (1h to 8d), else null. */
    public static Duration parseSince(String text) {
        if (text == null || text.length() < 2) {
            return null;
        }
        long amount;
        try {
            amount = Long.parseLong(text.substring(0, text.length() - 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (amount < 1 || amount > TokenLedger.HOURS_KEPT) {
            return null;
        }
        long hours = switch (text.charAt(text.length() - 1)) {
            case 'h' -> amount;
            case 'd' -> amount * 24;
            default -> -1;
        };
        return hours >= 1 && hours <= TokenLedger.HOURS_KEPT ? Duration.ofHours(hours) : null;
    }

    public Map<String, ModelTotals> byModel() {
        return byModel;
    }

    public void printTable(PrintStream out) {
        if (byModel.isEmpty()) {
            out.println("no token usage recorded in this period");
            return;
        }
        String format = "%-32s %12s %12s %14s %14s %9s %11s%n";
        out.printf(format, "MODEL", "INPUT", "OUTPUT", "CACHE_WRITE", "CACHE_READ", "REQUESTS", "COST_USD");
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<String, ModelTotals> entry : byModel.entrySet()) {
            ModelTotals t = entry.getValue();
            out.printf(format, entry.getKey(), t.tokens().input(), t.tokens().output(), t.tokens().cacheCreation(),
                    t.tokens().cacheRead(), t.requests(), t.priced() ? usd(t.costUsd()) : "unpriced");
            total = total.add(t.costUsd());
        }
        out.printf(format, "total", "", "", "", "", "", usd(total));
    }

    /** Writes {@code [{"model":..,"input_tokens":..,...,"cost_usd":..,"priced":..}]} as the current value. */
    public void writeJson(JsonGenerator json) throws IOException {
        json.writeStartArray();
        for (Map.Entry<String, ModelTotals> entry : byModel.entrySet()) {
            ModelTotals t = entry.getValue();
            json.writeStartObject();
            json.writeStringField("model", entry.getKey());
            json.writeNumberField("input_tokens", t.tokens().input());
            json.writeNumberField("output_tokens", t.tokens().output());
            json.writeNumberField("cache_creation_tokens", t.tokens().cacheCreation());
            json.writeNumberField("cache_read_tokens", t.tokens().cacheRead());
            json.writeNumberField("requests", t.requests());
            json.writeNumberField("cost_usd", t.costUsd());
            json.writeBooleanField("priced", t.priced());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static String usd(BigDecimal cost) {
        return cost.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }
}
