package io.hookmeter.hook.alerts;

import java.util.Comparator;
import java.util.List;

/** The severities our rules use, most urgent first; other values sort after them, alphabetically. */
public final class Severity {
    public static final List<String> KNOWN = List.of("critical", "warning", "info");
    /** What an alert without a {@code severity} label is shown as. */
    public static final String NONE = "none";
    public static final Comparator<String> MOST_URGENT_FIRST =
            Comparator.comparingInt(Severity::rank).thenComparing(Comparator.naturalOrder());

    private Severity() {
    }

    public static int rank(String severity) {
        int index = KNOWN.indexOf(severity);
        return index < 0 ? KNOWN.size() : index;
    }
}
