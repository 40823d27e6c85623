package io.hookmeter.exporter.oshi;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import oshi.hardware.CentralProcessor.TickType;

/** {@code node_cpu_seconds_total{cpu,mode}} from OSHI's per-processor tick counters (milliseconds). */
public final class OshiCpuCollector implements Collector {
    private static final TickType[] TYPES = {TickType.USER, TickType.NICE, TickType.SYSTEM, TickType.IDLE,
        TickType.IOWAIT, TickType.IRQ, TickType.SOFTIRQ, TickType.STEAL};

    private final OshiHost host;

    public OshiCpuCollector(OshiHost host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public void collect(MetricSink out) {
        MetricSink.Family seconds = out.counter("node_cpu_seconds_total", "Seconds the CPUs spent in each mode.",
                "cpu", "mode");
        long[][] ticks = host.processor().getProcessorCpuLoadTicks();
        for (int cpu = 0; cpu < ticks.length; cpu++) {
            for (TickType type : TYPES) {
                seconds.add(ticks[cpu][type.getIndex()] / 1000.0, Integer.toString(cpu),
                        type.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }
}
