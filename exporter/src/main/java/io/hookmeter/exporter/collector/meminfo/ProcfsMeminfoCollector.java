package io.hookmeter.exporter.collector.meminfo;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.procfs.HostPaths;

/**
 * Every /proc/meminfo field as node_exporter names it: {@code node_memory_<Field>_bytes} for kB fields,
 * {@code node_memory_<Field>} for counts (HugePages_Total); {@code Active(anon)} becomes {@code Active_anon}.
 */
public record ProcfsMeminfoCollector(HostPaths paths) implements Collector {
    @Override
    public void collect(MetricSink out) throws Exception {
        HostPaths.eachLine(paths.proc("meminfo"), line -> {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return;
            }
            String field = line.substring(0, colon).replace("(", "_").replace(")", "");
            String[] f = HostPaths.fields(line.substring(colon + 1));
            double value = Double.parseDouble(f[0]);
            if (f.length > 1 && f[1].equals("kB")) {
                MeminfoFamilies.field(out, field + "_bytes", value * 1024);
            } else {
                MeminfoFamilies.field(out, field, value);
            }
        });
    }
}
