package io.hookmeter.exporter.oshi;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;

/** The stat collector's fields OSHI has everywhere: boot time, context switches and interrupts. */
public final class OshiSystemCollector implements Collector {
    private final OshiHost host;

    public OshiSystemCollector(OshiHost host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "stat";
    }

    @Override
    public void collect(MetricSink out) {
        out.gauge("node_boot_time_seconds", "Node boot time, in unixtime.").add(host.os().getSystemBootTime());
        long switches = host.processor().getContextSwitches();
        if (switches >= 0) {
            out.counter("node_context_switches_total", "Total number of context switches.").add(switches);
        }
        long interrupts = host.processor().getInterrupts();
        if (interrupts >= 0) {
            out.counter("node_intr_total", "Total number of interrupts serviced.").add(interrupts);
        }
    }
}
