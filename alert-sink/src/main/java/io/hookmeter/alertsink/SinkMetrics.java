package io.hookmeter.alertsink;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.regex.Pattern;

/** The sink's own metrics, scraped by Prometheus as job {@code alert-sink}. */
final class SinkMetrics {
    private static final Pattern RECEIVER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter notifications = Counter.builder()
            .name("hookmeter_alert_sink_notifications_total")
            .help("Webhook notifications received and logged, by receiver and group status")
            .labelNames("receiver", "status")
            .register(registry);
    private final Counter rejected = Counter.builder()
            .name("hookmeter_alert_sink_rejected_total")
            .help("Requests refused, by reason (not_json, no_alerts, too_large, method)")
            .labelNames("reason")
            .register(registry);
    private final Counter writeFailures = Counter.builder()
            .name("hookmeter_alert_sink_write_failures_total")
            .help("Notifications that could not be written to the log or state file (answered 500, so Alertmanager retries)")
            .register(registry);
    private final Gauge firing = Gauge.builder()
            .name("hookmeter_alert_sink_firing_alerts")
            .help("Alerts in the current firing set")
            .register(registry);
    private final Gauge watchdog = Gauge.builder()
            .name("hookmeter_alert_sink_watchdog_last_timestamp_seconds")
            .help("When the last Watchdog heartbeat arrived (Unix seconds), 0 before the first")
            .register(registry);

    void notification(String receiver, String status) {
        notifications.labelValues(RECEIVER.matcher(receiver).matches() ? receiver : "other",
                "resolved".equals(status) ? "resolved" : "firing").inc();
    }

    void rejected(String reason) {
        rejected.labelValues(reason).inc();
    }

    void writeFailure() {
        writeFailures.inc();
    }

    void firing(int count) {
        firing.set(count);
    }

    void watchdog(double epochSeconds) {
        watchdog.set(epochSeconds);
    }
}
