package io.hookmeter.exporter.collect;

import java.util.List;

/**
 * One row of the collector registry: the collector's name (its flag {@code --[no-]collector.NAME}, its
 * {@code collector} label and its golden file), whether it runs when nothing is said, how each backend builds it,
 * and its own settings with their defaults.
 */
public record CollectorSpec(String name, boolean enabledByDefault, Factory procfs, Factory oshi,
                            List<Option> options) {
    public CollectorSpec {
        options = List.copyOf(options);
    }

    /** Builds the collector from what the host and the configuration give it. */
    @FunctionalInterface
    public interface Factory {
        Collector create(Context context);
    }

    public Factory factory(boolean procfsBackend) {
        return procfsBackend ? procfs : oshi;
    }
}
