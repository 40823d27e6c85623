package io.hookmeter.exporter.collect;

/** A collector under its registry name: the {@code collector} label of the self-health metrics. */
public record NamedCollector(String name, Collector collector) {
}
