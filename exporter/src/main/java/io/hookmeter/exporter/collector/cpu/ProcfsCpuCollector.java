package io.hookmeter.exporter.collector.cpu;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.procfs.HostPaths;

/**
 * {@code node_cpu_seconds_total{cpu,mode}} and {@code node_cpu_guest_seconds_total{cpu,mode}} from the cpuN lines
 * of /proc/stat.
 */
public record ProcfsCpuCollector(HostPaths paths) implements Collector {
    /** USER_HZ: /proc/stat counts in 1/100 s on every Linux architecture Prometheus supports. */
    static final double USER_HZ = 100.0;

    @Override
    public void collect(MetricSink out) throws Exception {
        MetricSink.Family seconds = CpuFamilies.seconds(out);
        MetricSink.Family guest = CpuFamilies.guestSeconds(out);
        HostPaths.eachLine(paths.proc("stat"), line -> {
            if (!line.startsWith("cpu") || line.startsWith("cpu ")) {
                return;
            }
            String[] f = HostPaths.fields(line);
            String cpu = f[0].substring(3);
            for (int i = 0; i < CpuFamilies.MODES.size() && i + 1 < f.length; i++) {
                seconds.add(Long.parseLong(f[i + 1]) / USER_HZ, cpu, CpuFamilies.MODES.get(i));
            }
            if (f.length > 10) {
                // The kernel already counts guest time in user and nice; node_exporter reports it separately too.
                guest.add(Long.parseLong(f[9]) / USER_HZ, cpu, "user");
                guest.add(Long.parseLong(f[10]) / USER_HZ, cpu, "nice");
            }
        });
    }
}
