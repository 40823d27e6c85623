package io.hookmeter.exporter.procfs;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;

/** {@code node_load1}, {@code node_load5}, {@code node_load15} from /proc/loadavg. */
public final class LoadavgCollector implements Collector {
    private final HostPaths paths;

    public LoadavgCollector(HostPaths paths) {
        this.paths = paths;
    }

    @Override
    public String name() {
        return "loadavg";
    }

    @Override
    public void collect(MetricSink out) throws Exception {
        String[] f = HostPaths.fields(HostPaths.read(paths.proc("loadavg")));
        out.gauge("node_load1", "1m load average.").add(Double.parseDouble(f[0]));
        out.gauge("node_load5", "5m load average.").add(Double.parseDouble(f[1]));
        out.gauge("node_load15", "15m load average.").add(Double.parseDouble(f[2]));
    }
}
