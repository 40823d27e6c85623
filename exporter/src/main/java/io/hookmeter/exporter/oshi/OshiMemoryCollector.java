package io.hookmeter.exporter.oshi;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import oshi.hardware.GlobalMemory;
import oshi.hardware.VirtualMemory;

/**
 * The meminfo fields every OS can answer, under Linux's names: {@code node_memory_MemTotal_bytes},
 * {@code MemAvailable_bytes}, {@code SwapTotal_bytes}, {@code SwapFree_bytes}.
 */
public final class OshiMemoryCollector implements Collector {
    private final OshiHost host;

    public OshiMemoryCollector(OshiHost host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "meminfo";
    }

    @Override
    public void collect(MetricSink out) {
        GlobalMemory memory = host.hardware().getMemory();
        VirtualMemory virtual = memory.getVirtualMemory();
        gauge(out, "MemTotal_bytes", memory.getTotal());
        gauge(out, "MemAvailable_bytes", memory.getAvailable());
        gauge(out, "SwapTotal_bytes", virtual.getSwapTotal());
        gauge(out, "SwapFree_bytes", virtual.getSwapTotal() - virtual.getSwapUsed());
    }

    private static void gauge(MetricSink out, String field, double value) {
        out.gauge("node_memory_" + field, "Memory information field " + field + ".").add(value);
    }
}
