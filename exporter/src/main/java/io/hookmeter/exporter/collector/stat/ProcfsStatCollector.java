package io.hookmeter.exporter.collector.stat;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.procfs.HostPaths;

/** Boot time, context switches, interrupts, forks and process states from /proc/stat. */
public record ProcfsStatCollector(HostPaths paths) implements Collector {
    @Override
    public void collect(MetricSink out) throws Exception {
        HostPaths.eachLine(paths.proc("stat"), line -> {
            int space = line.indexOf(' ');
            if (space <= 0 || line.startsWith("cpu") || line.startsWith("softirq")) {
                return;
            }
            // Only the first number: the intr line goes on with one count per interrupt source.
            int end = line.indexOf(' ', space + 1);
            double value = Double.parseDouble(line.substring(space + 1, end < 0 ? line.length() : end));
            switch (line.substring(0, space)) {
                case "intr" -> StatFamilies.interrupts(out, value);
                case "ctxt" -> StatFamilies.contextSwitches(out, value);
                case "btime" -> StatFamilies.bootTime(out, value);
                case "processes" -> out.counter("node_forks_total", "Total number of forks.").add(value);
                case "procs_running" -> out.gauge("node_procs_running", "Number of processes in runnable state.")
                        .add(value);
                case "procs_blocked" -> out.gauge("node_procs_blocked",
                        "Number of processes blocked waiting for I/O to complete.").add(value);
                default -> {
                    // cpu lines belong to the cpu collector; softirq is not exported by node_exporter either.
                }
            }
        });
    }
}
