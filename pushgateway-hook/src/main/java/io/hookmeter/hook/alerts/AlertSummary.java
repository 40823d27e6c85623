package io.hookmeter.hook.alerts;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many alerts fire, by severity (most urgent first), as of {@code fetchedAtMillis}; or that Alertmanager could
 * not be asked ({@code reachable} false, with the reason).
 */
public record AlertSummary(boolean reachable, Map<String, Integer> bySeverity, long fetchedAtMillis, String problem) {

    public static AlertSummary of(List<FiringAlert> alerts, long fetchedAtMillis) {
        Map<String, Integer> counts = new TreeMap<>(Severity.MOST_URGENT_FIRST);
        for (FiringAlert alert : alerts) {
            Integer count = counts.get(alert.severity());
            counts.put(alert.severity(), count == null ? 1 : count + 1);
        }
        return new AlertSummary(true, Collections.unmodifiableMap(counts), fetchedAtMillis, null);
    }

    public static AlertSummary unreachable(String problem, long fetchedAtMillis) {
        return new AlertSummary(false, Map.of(), fetchedAtMillis, problem);
    }

    public int total() {
        int total = 0;
        for (int count : bySeverity.values()) {
            total += count;
        }
        return total;
    }

    /** The most urgent severity that fires, or null when none does. */
    public String worst() {
        return bySeverity.isEmpty() ? null : bySeverity.keySet().iterator().next();
    }
}
