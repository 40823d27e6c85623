package io.hookmeter.exporter.collector.time;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.TimeZone;

/** {@code node_time_seconds} and {@code node_time_zone_offset_seconds{time_zone}}, on every OS. */
public record TimeCollector(Clock clock) implements Collector {
    @Override
    public void collect(MetricSink out) {
        Instant now = clock.instant();
        out.gauge("node_time_seconds", "System time in seconds since epoch (1970).")
                .add(now.getEpochSecond() + now.getNano() / 1e9);
        ZoneId zone = clock.getZone();
        boolean daylight = zone.getRules().isDaylightSavings(now);
        String name = TimeZone.getTimeZone(zone).getDisplayName(daylight, TimeZone.SHORT, Locale.ROOT);
        out.gauge("node_time_zone_offset_seconds", "System time zone offset in seconds.", "time_zone")
                .add(zone.getRules().getOffset(now).getTotalSeconds(), name);
    }
}
