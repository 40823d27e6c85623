package io.hookmeter.hook.alerts;

import java.util.Comparator;
import java.util.List;

/**
 * The severities our rules use, most urgent first; other values sort after them, alphabetically. No lambdas here:
 * this is on the status line's start-up path, where the first lambda costs milliseconds.
 */
public final class Severity {
    public static final List<String> KNOWN = List.of("critical", "warning", "info");
    /** What an alert without a {@code severity} label is shown as. */
    public static final String NONE = "none";
    public static final Comparator<String> MOST_URGENT_FIRST = new Comparator<>() {
        @Override
        public int compare(String a, String b) {
            int byRank = Integer.compare(rank(a), rank(b));
            return byRank != 0 ? byRank : a.compareTo(b);
        }
    };

    private Severity() {
    }

    public static int rank(String severity) {
        int index = KNOWN.indexOf(severity);
        return index < 0 ? KNOWN.size() : index;
    }
}
