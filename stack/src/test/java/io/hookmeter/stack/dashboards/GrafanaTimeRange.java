package io.hookmeter.stack.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookmeter.stack.dashboards.Dashboards.Query;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * What Grafana would send to Prometheus for one panel query when the dashboard opens with its default time range:
 * the range (the panel's relative time if it has one), the interval (range / max data points, never below the
 * panel's minimum interval or the datasource's scrape interval), {@code $__rate_interval} (max of interval + scrape
 * interval and 4 × scrape interval) and the variables at "All".
 */
record GrafanaTimeRange(Instant end, Duration range, Duration interval, Duration rateInterval) {
    /** Grafana's default max data points for a panel about 1000 pixels wide. */
    static final int MAX_DATA_POINTS = 1000;

    static GrafanaTimeRange of(Query query, Duration scrapeInterval, Instant now) {
        JsonNode panel = query.panel();
        String timeFrom = panel.path("timeFrom").asText("");
        Duration range = timeFrom.isEmpty()
                ? relative(query.dashboard().json().path("time").path("from").asText(), now)
                : relative(timeFrom.startsWith("now") ? timeFrom : "now-" + timeFrom, now);
        Duration interval = max(range.dividedBy(MAX_DATA_POINTS), scrapeInterval);
        if (query.minInterval() != null) {
            interval = max(interval, duration(query.minInterval()));
        }
        Duration rate = max(interval.plus(scrapeInterval), scrapeInterval.multipliedBy(4));
        return new GrafanaTimeRange(now, range, interval, rate);
    }

    /** Start of a range query whose last step is exactly {@code end}, as Grafana's aligned steps end on one. */
    Instant start() {
        long steps = range.toMillis() / interval.toMillis();
        return end.minus(interval.multipliedBy(steps));
    }

    /** The values of Grafana's built-in variables for this panel, plus the dashboard's variables at "All". */
    Map<String, String> variables(Query query) {
        Map<String, String> values = new HashMap<>();
        for (JsonNode variable : query.dashboard().variables()) {
            values.put(variable.path("name").asText(), variable.path("type").asText().equals("query")
                    ? variable.path("allValue").asText() : variable.path("current").path("value").asText());
        }
        values.put("__interval", promDuration(interval));
        values.put("__interval_ms", String.valueOf(interval.toMillis()));
        values.put("__rate_interval", promDuration(rateInterval));
        values.put("__range", promDuration(range));
        values.put("__range_s", String.valueOf(range.toSeconds()));
        values.put("__range_ms", String.valueOf(range.toMillis()));
        return values;
    }

    /** "now-6h", "now-90d", "now/d" (today so far, UTC as the cost dashboard is) as a duration before now. */
    static Duration relative(String from, Instant now) {
        if (from.equals("now/d")) {
            Instant midnight = now.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
            return max(Duration.between(midnight, now), Duration.ofSeconds(1));
        }
        if (!from.startsWith("now-")) {
            throw new IllegalArgumentException("unsupported time range " + from);
        }
        return duration(from.substring(4));
    }

    static Duration duration(String text) {
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            case 'w' -> Duration.ofDays(7 * n);
            case 'y' -> Duration.ofDays(365 * n);
            default -> throw new IllegalArgumentException("unsupported duration " + text);
        };
    }

    static String promDuration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
