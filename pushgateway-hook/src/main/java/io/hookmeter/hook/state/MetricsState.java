package io.hookmeter.hook.state;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Everything the state file holds: cumulative metric families, the push status (circuit breaker), and private
 * sections of components. One instance is read, changed and written back under the state lock by
 * {@link StateStore#update}; all of it is committed by one atomic rename, so a component's bookkeeping and the
 * counters it produced are saved together or not at all (exactly once).
 *
 * <h2>Adding series from another component</h2>
 * <pre>{@code
 * CounterFamily tokens = state.counter("hookmeter_tokens_total", "Tokens used, by model and type.", "model", "type");
 * tokens.inc(1200, "claude-opus-4-5", "input");
 * GaugeFamily today = state.gauge("hookmeter_cost_usd_today", "Cost of the current local day.");
 * today.set(3.21);
 * }</pre>
 * Registering a family that already exists with the same type, labels and buckets returns it with its series;
 * the same with {@link MetricFamily#OPTIONAL_LABELS optional labels} added at the end widens it (its series keep
 * their numbers, without the new labels); any other shape replaces it (its old series are dropped). Families are
 * pushed whether or not the component that registered them runs in this process: help text and shape are kept in
 * the state file.
 *
 * <h2>Private sections</h2>
 * A component keeps its own bookkeeping (for example transcript offsets) as a JSON value under a name of its own:
 * {@link #section(String)} gives the raw JSON text as last saved (or null), {@link #putSection(String, String)}
 * replaces it. Sections are kept as raw text and never parsed by the hook itself, so a large one costs the hot path
 * only a copy. Use {@link StateJson#parser(String)} and {@link StateJson#write} to read and write them.
 */
public final class MetricsState {
    /** Version of the state file layout; a file with another version is moved aside and the state starts fresh. */
    public static final int SCHEMA_VERSION = 1;

    private final Map<String, MetricFamily> families = new LinkedHashMap<>();
    private final Map<String, String> sections = new TreeMap<>();
    private final PushStatus push = new PushStatus();

    /** A counter family (created when new). */
    public CounterFamily counter(String name, String help, String... labelNames) {
        return register(name, CounterFamily.class, () -> new CounterFamily(name, help, List.of(labelNames)),
                MetricType.COUNTER, List.of(labelNames), new double[0]);
    }

    /** A gauge family (created when new). */
    public GaugeFamily gauge(String name, String help, String... labelNames) {
        return register(name, GaugeFamily.class, () -> new GaugeFamily(name, help, List.of(labelNames)),
                MetricType.GAUGE, List.of(labelNames), new double[0]);
    }

    /** A histogram family with these bucket upper bounds (see {@link Buckets#seconds()}), created when new. */
    public HistogramFamily histogram(String name, String help, double[] bounds, String... labelNames) {
        return register(name, HistogramFamily.class,
                () -> new HistogramFamily(name, help, bounds, List.of(labelNames)),
                MetricType.HISTOGRAM, List.of(labelNames), bounds);
    }

    /** Every family, in the order they were first registered. */
    public Collection<MetricFamily> families() {
        return Collections.unmodifiableCollection(families.values());
    }

    /** The family with this name, or null. */
    public MetricFamily family(String name) {
        return families.get(name);
    }

    public PushStatus push() {
        return push;
    }

    /** The raw JSON value a component saved under {@code name}, or null. */
    public String section(String name) {
        return sections.get(name);
    }

    /** Replaces (or with null removes) a component's section; {@code json} must be one valid JSON value. */
    public void putSection(String name, String json) {
        if (json == null) {
            sections.remove(name);
        } else {
            sections.put(name, json);
        }
    }

    Map<String, String> sections() {
        return Collections.unmodifiableMap(sections);
    }

    /** Counts an update that was dropped because its family is full. */
    void countSeriesLimit() {
        SelfMetrics.rejected(this, "series_limit");
    }

    void add(MetricFamily family) {
        family.onSeriesLimit(this::countSeriesLimit);
        families.put(family.name(), family);
    }

    private <F extends MetricFamily> F register(String name, Class<F> kind, Supplier<F> create,
                                                MetricType type, List<String> labels, double[] bounds) {
        MetricFamily existing = families.get(name);
        if (existing != null && kind.isInstance(existing) && existing.sameShape(type, labels, bounds)) {
            return kind.cast(existing);
        }
        F created = create.get();
        if (existing != null && kind.isInstance(existing) && existing.widensTo(type, labels, bounds)) {
            created.adopt(existing); // a state file from before the optional label: keep its counts
        }
        add(created);
        return created;
    }

    @Override
    public String toString() {
        return "MetricsState" + Arrays.toString(families.keySet().toArray());
    }
}
