package io.hookmeter.hook.alerts;

import java.util.Map;

/** One alert as Alertmanager's API v2 reports it, reduced to what a person reading it needs. */
public record FiringAlert(String name, String severity, String startsAt, String summary, Map<String, String> labels) {

    /** Ordering rank: critical first, then warning, info, anything else. */
    public int severityRank() {
        return Severity.rank(severity);
    }
}
