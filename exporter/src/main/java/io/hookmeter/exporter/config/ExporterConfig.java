package io.hookmeter.exporter.config;

import io.hookmeter.exporter.procfs.HostPaths;
import io.hookmeter.exporter.process.ProcessGroups;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The exporter's settings after merging defaults, the config file, the environment and the flags.
 *
 * @param collectorSettings the settings the registry's rows declare, parsed (a Pattern, a Duration), by flag
 *                          ({@code collector.netdev.device-exclude})
 */
public record ExporterConfig(
        ListenAddress listenAddress,
        boolean exporterMetrics,
        HostPaths paths,
        Set<String> enabledCollectors,
        Backend backend,
        Duration collectorTimeout,
        Map<String, Object> collectorSettings,
        ProcessGroups processGroups) {

    public ExporterConfig {
        collectorSettings = Map.copyOf(collectorSettings);
    }

    /** Where host metrics come from: /proc and /sys directly (Linux), OSHI (any OS), or chosen by the OS. */
    public enum Backend { AUTO, PROCFS, OSHI }

    public boolean enabled(String collector) {
        return enabledCollectors.contains(collector);
    }
}
