package io.hookmeter.exporter.collector.loadavg;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.procfs.HostPaths;

/** {@code node_load1}, {@code node_load5}, {@code node_load15} from /proc/loadavg. */
public record ProcfsLoadavgCollector(HostPaths paths) implements Collector {
    @Override
    public void collect(MetricSink out) throws Exception {
        LoadavgFamilies.write(out, HostPaths.parse(paths.proc("loadavg"), text -> {
            String[] f = HostPaths.fields(text);
            return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        }));
    }
}
