package io.hookmeter.exporter.procfs;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;

/** Boot time, context switches, interrupts, forks and process states from /proc/stat. */
public final class StatCollector implements Collector {
    private final HostPaths paths;

    public StatCollector(HostPaths paths) {
        this.paths = paths;
    }

    @Override
    public String name() {
        return "stat";
    }

    @Override
    public void collect(MetricSink out) throws Exception {
        for (String line : HostPaths.lines(paths.proc("stat"))) {
            int space = line.indexOf(' ');
            if (space <= 0 || line.startsWith("cpu") || line.startsWith("softirq")) {
                continue;
            }
            // Only the first number: the intr line goes on with one count per interrupt source.
            int end = line.indexOf(' ', space + 1);
            double value = Double.parseDouble(line.substring(space + 1, end < 0 ? line.length() : end));
            switch (line.substring(0, space)) {
                case "intr" -> out.counter("node_intr_total", "Total number of interrupts serviced.").add(value);
                case "ctxt" -> out.counter("node_context_switches_total", "Total number of context switches.")
                        .add(value);
                case "btime" -> out.gauge("node_boot_time_seconds", "Node boot time, in unixtime.").add(value);
                case "processes" -> out.counter("node_forks_total", "Total number of forks.").add(value);
                case "procs_running" -> out.gauge("node_procs_running", "Number of processes in runnable state.")
                        .add(value);
                case "procs_blocked" -> out.gauge("node_procs_blocked",
                        "Number of processes blocked waiting for I/O to complete.").add(value);
                default -> {
                    // cpu lines belong to the cpu collector; softirq is not exported by node_exporter either.
                }
            }
        }
    }
}
