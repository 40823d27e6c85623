package io.hookmeter.exporter.collect;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where collectors write samples, by their full exposition names ({@code node_cpu_seconds_total},
 * {@code node_uname_info}); turned into client_java snapshots at the end of a collector's run. client_java wants
 * counter names without {@code _total} and info names without {@code _info}: that translation lives here only.
 */
public final class MetricSink {
    private final Map<String, Family> families = new LinkedHashMap<>();

    public Family gauge(String name, String help, String... labelNames) {
        return family(Type.GAUGE, name, help, labelNames);
    }

    /** A counter; {@code name} ends with {@code _total}, as exposed. */
    public Family counter(String name, String help, String... labelNames) {
        return family(Type.COUNTER, name, help, labelNames);
    }

    /** A constant-1 gauge named {@code *_info} whose labels carry the information. */
    public Family info(String name, String help, String... labelNames) {
        return family(Type.INFO, name, help, labelNames);
    }

    private Family family(Type type, String name, String help, String[] labelNames) {
        Family family = families.computeIfAbsent(name, n -> new Family(type, n, help, labelNames));
        if (family.type != type) {
            throw new IllegalStateException(name + " is already a " + family.type);
        }
        return family;
    }

    /** Every family written so far, as client_java snapshots; fails on duplicate label sets. */
    public List<MetricSnapshot> snapshots() {
        List<MetricSnapshot> result = new ArrayList<>(families.size());
        for (Family family : families.values()) {
            result.add(family.snapshot());
        }
        return result;
    }

    private enum Type { GAUGE, COUNTER, INFO }

    /** One metric family: name, help, label names, and its samples. */
    public static final class Family {
        private final Type type;
        private final String name;
        private final String help;
        private final String[] labelNames;
        private final List<Double> values = new ArrayList<>();
        private final List<Labels> labels = new ArrayList<>();

        private Family(Type type, String name, String help, String[] labelNames) {
            this.type = type;
            this.name = name;
            this.help = help;
            this.labelNames = labelNames.clone();
        }

        /** Adds a sample; the label values are in the order of the family's label names. */
        public Family add(double value, String... labelValues) {
            if (labelValues.length != labelNames.length) {
                throw new IllegalArgumentException(name + " takes " + labelNames.length + " label values, got "
                        + labelValues.length);
            }
            values.add(value);
            labels.add(labelNames.length == 0 ? Labels.EMPTY : Labels.of(labelNames, labelValues.clone()));
            return this;
        }

        private MetricSnapshot snapshot() {
            switch (type) {
                case COUNTER: {
                    CounterSnapshot.Builder builder = CounterSnapshot.builder()
                            .name(strip(name, "_total")).help(help);
                    for (int i = 0; i < values.size(); i++) {
                        builder.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                                .value(values.get(i)).labels(labels.get(i)).build());
                    }
                    return builder.build();
                }
                case INFO: {
                    InfoSnapshot.Builder builder = InfoSnapshot.builder().name(strip(name, "_info")).help(help);
                    for (Labels l : labels) {
                        builder.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(l).build());
                    }
                    return builder.build();
                }
                default: {
                    GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
                    for (int i = 0; i < values.size(); i++) {
                        builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                                .value(values.get(i)).labels(labels.get(i)).build());
                    }
                    return builder.build();
                }
            }
        }

        private static String strip(String name, String suffix) {
            if (!name.endsWith(suffix)) {
                throw new IllegalArgumentException(name + " must end with " + suffix);
            }
            return name.substring(0, name.length() - suffix.length());
        }
    }
}
