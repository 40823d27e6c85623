package io.hookmeter.exporter.collect;

/**
 * One group of host metrics, named like node_exporter's collector (cpu, meminfo, ...). A collector is called once
 * per scrape, from one thread at a time; it writes what it found into {@code out} and throws when it cannot
 * produce its data (the scrape then reports {@code node_scrape_collector_success{collector}=0}).
 */
public interface Collector {
    /** The collector's name, the {@code collector} label of the self-health metrics. */
    String name();

    void collect(MetricSink out) throws Exception;
}
