package io.hookmeter.exporter.collector.stat;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.oshi.OshiHost;

/** The stat collector's fields OSHI has everywhere: boot time, context switches and interrupts. */
public record OshiStatCollector(OshiHost host) implements Collector {
    @Override
    public void collect(MetricSink out) {
        StatFamilies.bootTime(out, host.os().getSystemBootTime());
        long switches = host.processor().getContextSwitches();
        if (switches >= 0) {
            StatFamilies.contextSwitches(out, switches);
        }
        long interrupts = host.processor().getInterrupts();
        if (interrupts >= 0) {
            StatFamilies.interrupts(out, interrupts);
        }
    }
}
