package io.hookmeter.exporter.collect;

/**
 * One group of host metrics, like node_exporter's collectors (cpu, meminfo, ...); its name is its registry row's.
 * A collector is called once per scrape, from one thread at a time; it writes what it found into {@code out} and
 * throws when it cannot produce its data (the scrape then reports {@code node_scrape_collector_success{collector}=0}).
 */
@FunctionalInterface
public interface Collector {
    void collect(MetricSink out) throws Exception;
}
