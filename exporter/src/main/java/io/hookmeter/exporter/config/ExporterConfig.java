package io.hookmeter.exporter.config;

import io.hookmeter.exporter.procfs.HostPaths;
import io.hookmeter.exporter.process.ProcessGroups;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/** The exporter's settings after merging defaults, the config file, the environment and the flags. */
public record ExporterConfig(
        ListenAddress listenAddress,
        boolean exporterMetrics,
        HostPaths paths,
        Set<String> enabledCollectors,
        Backend backend,
        Duration collectorTimeout,
        Pattern mountPointsExclude,
        Duration mountTimeout,
        Pattern fsTypesExclude,
        Pattern diskDeviceExclude,
        Pattern netDeviceExclude,
        ProcessGroups processGroups) {

    /** Where host metrics come from: /proc and /sys directly (Linux), OSHI (any OS), or chosen by the OS. */
    public enum Backend { AUTO, PROCFS, OSHI }

    public boolean enabled(String collector) {
        return enabledCollectors.contains(collector);
    }
}
