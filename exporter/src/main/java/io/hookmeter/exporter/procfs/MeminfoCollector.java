package io.hookmeter.exporter.procfs;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;

/**
 * Every /proc/meminfo field as node_exporter names it: {@code node_memory_<Field>_bytes} for kB fields,
 * {@code node_memory_<Field>} for counts (HugePages_Total); {@code Active(anon)} becomes {@code Active_anon}.
 */
public final class MeminfoCollector implements Collector {
    private final HostPaths paths;

    public MeminfoCollector(HostPaths paths) {
        this.paths = paths;
    }

    @Override
    public String name() {
        return "meminfo";
    }

    @Override
    public void collect(MetricSink out) throws Exception {
        for (String line : HostPaths.lines(paths.proc("meminfo"))) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String field = line.substring(0, colon).replace("(", "_").replace(")", "");
            String[] f = HostPaths.fields(line.substring(colon + 1));
            double value = Double.parseDouble(f[0]);
            String name = "node_memory_" + field;
            if (f.length > 1 && f[1].equals("kB")) {
                value *= 1024;
                name += "_bytes";
            }
            out.gauge(name, "Memory information field " + name.substring("node_memory_".length()) + ".")
                    .add(value);
        }
    }
}
