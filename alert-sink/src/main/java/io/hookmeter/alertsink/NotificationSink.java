package io.hookmeter.alertsink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What happens to one Alertmanager webhook notification: it is appended to the log as one JSON line (the payload as
 * received, plus {@code receivedAt} and the {@code path} it came in on), and its alerts update the firing set.
 * Watchdog heartbeats are logged too, but kept out of the firing set. Only the {@code alerts} array is required:
 * fields that some Alertmanager versions lack ({@code notification_reason}, {@code fingerprint}, ...) or add later
 * are simply carried along.
 */
final class NotificationSink {
    static final String ALERTS_PATH = "/alerts";
    static final String WATCHDOG_PATH = "/watchdog";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NotificationLog log;
    private final FiringSet firing;
    private final SinkMetrics metrics;
    private final Clock clock;
    private final AtomicReference<Instant> lastWatchdog = new AtomicReference<>();

    NotificationSink(NotificationLog log, FiringSet firing, SinkMetrics metrics, Clock clock) {
        this.log = log;
        this.firing = firing;
        this.metrics = metrics;
        this.clock = clock;
        metrics.firing(firing.size());
    }

    /** Logs and applies one notification; an IOException means it was not (fully) recorded. */
    void receive(ObjectNode payload, String path) throws IOException {
        Instant now = clock.instant();
        ObjectNode line = JSON.createObjectNode();
        line.put("receivedAt", now.toString());
        line.put("path", path);
        line.setAll(payload);
        metrics.notification(payload.path("receiver").asText(""), payload.path("status").asText(""));
        try {
            log.append(JSON.writeValueAsString(line));
            if (WATCHDOG_PATH.equals(path)) {
                lastWatchdog.set(now);
                metrics.watchdog(now.toEpochMilli() / 1000.0);
            } else {
                firing.apply(payload, now);
                metrics.firing(firing.size());
                firing.save();
            }
        } catch (IOException e) {
            metrics.writeFailure();
            throw e;
        }
    }

    /** The firing set, plus when the last Watchdog heartbeat arrived (null before the first). */
    ObjectNode status() {
        ObjectNode snapshot = firing.snapshot();
        Instant watchdog = lastWatchdog.get();
        snapshot.put("watchdogLastSeen", watchdog == null ? null : watchdog.toString());
        return snapshot;
    }

    static boolean hasAlerts(JsonNode payload) {
        return payload.path("alerts").isArray();
    }
}
