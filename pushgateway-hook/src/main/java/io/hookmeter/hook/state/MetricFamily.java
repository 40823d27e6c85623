package io.hookmeter.hook.state;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named metric with its help text, label names and series, kept cumulatively in the state file. Obtain one from
 * {@link MetricsState#counter}, {@link MetricsState#gauge} or {@link MetricsState#histogram}.
 *
 * <p>Calls may leave out the {@link #OPTIONAL_LABELS optional labels} at the end of the label names: those series
 * lack them. Label values must be bounded (tool names, models, reasons): never session ids, paths or commands. A
 * family holds at most {@link #MAX_SERIES} series; an update that would add one more is dropped and counted in
 * {@code hookmeter_events_rejected_total{reason="series_limit"}}.
 */
public abstract sealed class MetricFamily permits CounterFamily, GaugeFamily, HistogramFamily {
    /** Upper bound on series per family: a guard against a label that turns out to be unbounded. */
    public static final int MAX_SERIES = 1000;
    /** Longest label value kept; longer ones are cut (with a marker) so one odd event cannot bloat the state. */
    public static final int MAX_LABEL_VALUE = 120;
    /**
     * Labels that a series may lack: an empty value is left out of the exposition (Prometheus reads a label with an
     * empty value as no label), so a series without one is exactly the series from before the label existed.
     */
    public static final Set<String> OPTIONAL_LABELS = Set.of("project");

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<List<String>, Series> series = new LinkedHashMap<>();
    private Runnable onSeriesLimit = () -> { };

    MetricFamily(String name, String help, List<String> labelNames) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid metric name '" + name + "'");
        }
        for (String label : labelNames) {
            if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__") || label.equals("le")) {
                throw new IllegalArgumentException("invalid label name '" + label + "' for " + name);
            }
        }
        this.name = name;
        this.help = help;
        this.labelNames = List.copyOf(labelNames);
    }

    public String name() {
        return name;
    }

    public String help() {
        return help;
    }

    public List<String> labelNames() {
        return labelNames;
    }

    public abstract MetricType type();

    /** Every series, in the order they were first created. */
    public Collection<Series> series() {
        return Collections.unmodifiableCollection(series.values());
    }

    /** The series with exactly these label values, or null. */
    public Series find(String... labelValues) {
        return series.get(key(labelValues));
    }

    /** Bucket upper bounds for histograms; empty for other types. */
    public double[] bounds() {
        return new double[0];
    }

    void onSeriesLimit(Runnable callback) {
        this.onSeriesLimit = callback;
    }

    /** True when the other family has the same shape, so its series can be kept. */
    boolean sameShape(MetricType type, List<String> labels, double[] bounds) {
        return type() == type && labelNames.equals(labels) && Arrays.equals(bounds(), bounds);
    }

    /**
     * True when {@code labels} are this family's labels followed by optional ones only (same type and buckets): the
     * family can be widened to them, its series keeping their numbers with empty values for the new labels.
     */
    boolean widensTo(MetricType type, List<String> labels, double[] bounds) {
        return type() == type && Arrays.equals(bounds(), bounds) && labels.size() > labelNames.size()
                && labels.subList(0, labelNames.size()).equals(labelNames)
                && OPTIONAL_LABELS.containsAll(labels.subList(labelNames.size(), labels.size()));
    }

    /** Takes over the series of a family this one widens (see {@link #widensTo}), in their order. */
    void adopt(MetricFamily narrower) {
        for (Series old : narrower.series.values()) {
            String[] values = new String[labelNames.size()];
            Arrays.fill(values, "");
            for (int i = 0; i < old.labelValues().size(); i++) {
                values[i] = old.labelValues().get(i);
            }
            Series widened = seriesFor(values);
            if (widened != null) {
                widened.copyFrom(old);
            }
        }
    }

    /** The series for these label values, created at zero when new; null when the family is full. */
    Series seriesFor(String... labelValues) {
        List<String> key = key(labelValues);
        Series existing = series.get(key);
        if (existing != null) {
            return existing;
        }
        if (series.size() >= MAX_SERIES) {
            onSeriesLimit.run();
            return null;
        }
        Series created = new Series(key, bounds().length == 0 ? 0 : bounds().length + 1);
        series.put(key, created);
        return created;
    }

    /** The label values, the optional ones at the end may be left out: they are empty then (no label). */
    private List<String> key(String... labelValues) {
        if (labelValues.length != labelNames.size() && !optionalFrom(labelValues.length)) {
            throw new IllegalArgumentException(name + " takes labels " + labelNames + ", got "
                    + labelValues.length + " values");
        }
        String[] clean = new String[labelNames.size()];
        for (int i = 0; i < clean.length; i++) {
            clean[i] = cleanLabelValue(i < labelValues.length ? labelValues[i] : "");
        }
        return List.of(clean);
    }

    private boolean optionalFrom(int index) {
        return index < labelNames.size() && OPTIONAL_LABELS.containsAll(labelNames.subList(index, labelNames.size()));
    }

    /** Null becomes empty; control characters become spaces; very long values are cut. */
    static String cleanLabelValue(String value) {
        if (value == null) {
            return "";
        }
        String cut = value.length() > MAX_LABEL_VALUE ? value.substring(0, MAX_LABEL_VALUE - 3) + "..." : value;
        StringBuilder clean = null;
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (clean == null) {
                    clean = new StringBuilder(cut);
                }
                clean.setCharAt(i, ' ');
            }
        }
        return clean == null ? cut : clean.toString();
    }
}
