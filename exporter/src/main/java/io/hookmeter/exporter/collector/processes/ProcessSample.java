package io.hookmeter.exporter.collector.processes;

/**
 * One process of a group at one scrape. {@code id} tells a process from a later one reusing its pid (pid and
 * start time). Unknown values (another user's file descriptors, say) are -1.
 */
public record ProcessSample(String group, String id, double userSeconds, double systemSeconds, double residentBytes,
                            double virtualBytes, double threads, double openFds, double readBytes,
                            double writeBytes, double startTimeSeconds) {
}
