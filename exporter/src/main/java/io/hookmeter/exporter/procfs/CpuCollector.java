package io.hookmeter.exporter.procfs;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;

/**
 * {@code node_cpu_seconds_total{cpu,mode}} and {@code node_cpu_guest_seconds_total{cpu,mode}} from the cpuN lines
 * of /proc/stat.
 */
public final class CpuCollector implements Collector {
    /** USER_HZ: /proc/stat counts in 1/100 s on every Linux architecture Prometheus supports. */
    static final double USER_HZ = 100.0;
    private static final String[] MODES = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};

    private final HostPaths paths;

    public CpuCollector(HostPaths paths) {
        this.paths = paths;
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public void collect(MetricSink out) throws Exception {
        MetricSink.Family seconds = out.counter("node_cpu_seconds_total",
                "Seconds the CPUs spent in each mode.", "cpu", "mode");
        MetricSink.Family guest = out.counter("node_cpu_guest_seconds_total",
                "Seconds the CPUs spent in guests (VMs) for each mode.", "cpu", "mode");
        for (String line : HostPaths.lines(paths.proc("stat"))) {
            if (!line.startsWith("cpu") || line.startsWith("cpu ")) {
                continue;
            }
            String[] f = HostPaths.fields(line);
            String cpu = f[0].substring(3);
            for (int i = 0; i < MODES.length && i + 1 < f.length; i++) {
                seconds.add(Long.parseLong(f[i + 1]) / USER_HZ, cpu, MODES[i]);
            }
            if (f.length > 10) {
                // The kernel already counts guest time in user and nice; node_exporter reports it separately too.
                guest.add(Long.parseLong(f[9]) / USER_HZ, cpu, "user");
                guest.add(Long.parseLong(f[10]) / USER_HZ, cpu, "nice");
            }
        }
    }
}
