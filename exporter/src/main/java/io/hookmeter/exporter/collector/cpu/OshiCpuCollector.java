package io.hookmeter.exporter.collector.cpu;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.oshi.OshiHost;
import oshi.hardware.CentralProcessor.TickType;

import java.util.Locale;

/** {@code node_cpu_seconds_total{cpu,mode}} from OSHI's per-processor tick counters (milliseconds). */
public record OshiCpuCollector(OshiHost host) implements Collector {
    @Override
    public void collect(MetricSink out) {
        MetricSink.Family seconds = CpuFamilies.seconds(out);
        long[][] ticks = host.processor().getProcessorCpuLoadTicks();
        for (int cpu = 0; cpu < ticks.length; cpu++) {
            for (String mode : CpuFamilies.MODES) {
                seconds.add(ticks[cpu][TickType.valueOf(mode.toUpperCase(Locale.ROOT)).getIndex()] / 1000.0,
                        Integer.toString(cpu), mode);
            }
        }
    }
}
