package io.hookmeter.exporter;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.CollectorSpec;
import io.hookmeter.exporter.collect.Context;
import io.hookmeter.exporter.collect.Host;
import io.hookmeter.exporter.collect.NamedCollector;
import io.hookmeter.exporter.collector.Registry;
import io.hookmeter.exporter.config.ExporterConfig;

import java.util.ArrayList;
import java.util.List;

/** The enabled collectors for the configured backend, in {@link Registry} order. */
final class CollectorFactory {
    private CollectorFactory() {
    }

    static ExporterConfig.Backend resolve(ExporterConfig config) {
        if (config.backend() != ExporterConfig.Backend.AUTO) {
            return config.backend();
        }
        return config.paths().isLinuxProcfs() ? ExporterConfig.Backend.PROCFS : ExporterConfig.Backend.OSHI;
    }

    static List<NamedCollector> create(ExporterConfig config) {
        Host host = Host.real(config.paths());
        boolean procfs = resolve(config) == ExporterConfig.Backend.PROCFS;
        List<NamedCollector> collectors = new ArrayList<>();
        for (CollectorSpec spec : Registry.ALL) {
            if (config.enabled(spec.name())) {
                collectors.add(new NamedCollector(spec.name(), create(spec, procfs, config, host)));
            }
        }
        return collectors;
    }

    /** One collector of one backend, built from the configuration and {@code host}. */
    static Collector create(CollectorSpec spec, boolean procfs, ExporterConfig config, Host host) {
        Context context = new Context(spec.name(), host, config.collectorSettings(), config.processGroups());
        return spec.factory(procfs).create(context);
    }
}
