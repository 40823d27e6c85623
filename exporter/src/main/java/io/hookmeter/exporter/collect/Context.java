package io.hookmeter.exporter.collect;

import io.hookmeter.exporter.oshi.OshiHost;
import io.hookmeter.exporter.procfs.HostPaths;
import io.hookmeter.exporter.process.ProcessGroups;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a registry row's factory gets for one collector: the host, the collector's own settings (by the names its
 * row declares) and the process groups.
 *
 * @param settings every collector's parsed settings by flag ({@code collector.netdev.device-exclude})
 */
public record Context(String collector, Host host, Map<String, Object> settings, ProcessGroups processGroups) {
    public HostPaths paths() {
        return host.paths();
    }

    public OshiHost oshi() {
        return host.oshi().get();
    }

    public Pattern regex(String option) {
        return (Pattern) setting(option);
    }

    public Duration duration(String option) {
        return (Duration) setting(option);
    }

    private Object setting(String option) {
        Object value = settings.get(Option.flagOf(collector, option));
        if (value == null) {
            throw new IllegalStateException("collector " + collector + " has no setting " + option
                    + " in its registry row");
        }
        return value;
    }
}
