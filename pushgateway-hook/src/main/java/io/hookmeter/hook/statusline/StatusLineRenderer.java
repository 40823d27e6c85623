package io.hookmeter.hook.statusline;

import io.hookmeter.hook.alerts.AlertSummary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws the status line: {@code model | $session session | $today today | ctx N% | alerts}. Parts without data are
 * left out. When the line is wider than the terminal, the least important parts go first (a firing alert stays
 * longest), and a single part that is still too wide is cut.
 */
public final class StatusLineRenderer {
    private static final String SEPARATOR = " | ";
    private static final String RESET = "\u001b[0m";
    private static final String DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String BLUE = "\u001b[34m";
    private static final String CYAN = "\u001b[36m";
    /** Context use from which the part turns yellow, then red: compaction is near. */
    static final double CONTEXT_WARN = 60;
    static final double CONTEXT_HIGH = 85;

    private final boolean color;
    private final int columns;

    /** @param columns the width to fit, or 0 for no limit */
    public StatusLineRenderer(boolean color, int columns) {
        this.color = color;
        this.columns = columns;
    }

    /** One part of the line; higher {@code keep} survives narrower terminals. */
    private record Part(String text, String color, int keep, int order) {
    }

    public String render(StatusInput input, BigDecimal todayCostUsd, AlertSummary alerts) {
        List<Part> parts = new ArrayList<>();
        if (input.model() != null) {
            parts.add(new Part(input.model(), CYAN, 60, 0));
        }
        if (input.sessionCostUsd() != null) {
            parts.add(new Part(money(BigDecimal.valueOf(input.sessionCostUsd())) + " session", null, 70, 1));
        }
        if (todayCostUsd != null) {
            parts.add(new Part(money(todayCostUsd) + " today", null, 50, 2));
        }
        if (input.contextUsedPercent() != null) {
            double used = input.contextUsedPercent();
            parts.add(new Part("ctx " + Math.round(used) + "%",
                    used >= CONTEXT_HIGH ? RED : used >= CONTEXT_WARN ? YELLOW : GREEN, 80, 3));
        }
        if (alerts != null) {
            parts.add(alertsPart(alerts));
        }
        if (parts.isEmpty()) {
            parts.add(new Part("hookmeter", DIM, 0, 0));
        }
        fit(parts);
        StringBuilder line = new StringBuilder();
        for (Part part : parts) {
            if (line.length() > 0) {
                line.append(paint(SEPARATOR, DIM));
            }
            line.append(paint(part.text(), part.color()));
        }
        return line.toString();
    }

    private static Part alertsPart(AlertSummary alerts) {
        if (!alerts.reachable()) {
            return new Part("alerts ?", DIM, 10, 4);
        }
        if (alerts.total() == 0) {
            return new Part("no alerts", GREEN, 20, 4);
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Integer> count : alerts.bySeverity().entrySet()) {
            text.append(text.length() == 0 ? "" : ", ").append(count.getValue()).append(' ').append(count.getKey());
        }
        String worst = alerts.worst();
        String tint = switch (worst) {
            case "critical" -> RED;
            case "warning" -> YELLOW;
            default -> BLUE;
        };
        return new Part((alerts.total() == 1 ? "1 alert: " : alerts.total() + " alerts: ") + text, tint, 90, 4);
    }

    /** Drops the least important parts until the line fits, then cuts the last one left if needed. */
    private void fit(List<Part> parts) {
        if (columns <= 0) {
            return;
        }
        while (parts.size() > 1 && width(parts) > columns) {
            Part least = parts.get(0);
            for (Part part : parts) {
                least = part.keep() < least.keep() ? part : least;
            }
            parts.remove(least);
        }
        if (width(parts) > columns) {
            Part only = parts.remove(0);
            parts.add(new Part(cut(only.text(), columns), only.color(), only.keep(), only.order()));
        }
    }

    private static int width(List<Part> parts) {
        int width = SEPARATOR.length() * (parts.size() - 1);
        for (Part part : parts) {
            width += part.text().codePointCount(0, part.text().length());
        }
        return width;
    }

    private static String cut(String text, int columns) {
        if (columns <= 1) {
            return columns == 1 ? text.substring(0, text.offsetByCodePoints(0, 1)) : "";
        }
        return text.substring(0, text.offsetByCodePoints(0, columns - 1)) + "\u2026";
    }

    private String paint(String text, String tint) {
        return color && tint != null ? tint + text + RESET : text;
    }

    /** Dollars with cents; BigDecimal rather than String.format, whose Formatter is slow to load. */
    static String money(BigDecimal usd) {
        return "$" + usd.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
