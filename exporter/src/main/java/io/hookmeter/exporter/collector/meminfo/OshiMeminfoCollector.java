package io.hookmeter.exporter.collector.meminfo;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.oshi.OshiHost;
import oshi.hardware.GlobalMemory;
import oshi.hardware.VirtualMemory;

/**
 * The meminfo fields every OS can answer, under Linux's names: {@code node_memory_MemTotal_bytes},
 * {@code MemAvailable_bytes}, {@code SwapTotal_bytes}, {@code SwapFree_bytes}.
 */
public record OshiMeminfoCollector(OshiHost host) implements Collector {
    @Override
    public void collect(MetricSink out) {
        GlobalMemory memory = host.hardware().getMemory();
        VirtualMemory virtual = memory.getVirtualMemory();
        MeminfoFamilies.field(out, "MemTotal_bytes", memory.getTotal());
        MeminfoFamilies.field(out, "MemAvailable_bytes", memory.getAvailable());
        MeminfoFamilies.field(out, "SwapTotal_bytes", virtual.getSwapTotal());
        MeminfoFamilies.field(out, "SwapFree_bytes", virtual.getSwapTotal() - virtual.getSwapUsed());
    }
}
