package io.hookmeter.hook.state;

import java.util.List;

/**
 * A cumulative histogram family with fixed bucket bounds. An observation {@code v} falls into the first bucket
 * whose upper bound is {@code >= v} (Prometheus {@code le} semantics), or into {@code +Inf}.
 */
public final class HistogramFamily extends MetricFamily {
    private final double[] bounds;

    HistogramFamily(String name, String help, double[] bounds, List<String> labelNames) {
        super(name, help, labelNames);
        for (int i = 1; i < bounds.length; i++) {
            if (!(bounds[i] > bounds[i - 1])) {
                throw new IllegalArgumentException("bucket bounds of " + name + " must increase");
            }
        }
        this.bounds = bounds.clone();
    }

    @Override
    public MetricType type() {
        return MetricType.HISTOGRAM;
    }

    @Override
    public double[] bounds() {
        return bounds.clone();
    }

    /** Records one observation; NaN and negative values are ignored (durations are never negative). */
    public void observe(double value, String... labelValues) {
        if (!(value >= 0)) {
            return;
        }
        Series series = seriesFor(labelValues);
        if (series == null) {
            return;
        }
        int slot = bounds.length;
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) {
                slot = i;
                break;
            }
        }
        series.buckets()[slot]++;
        series.histogram(series.count() + 1, series.sum() + value);
    }

    /** Creates the series at zero when it does not exist yet (within the family's series limit). */
    public void ensure(String... labelValues) {
        seriesFor(labelValues);
    }

    /** Restores a series read from the state file. */
    void restore(List<String> labelValues, long[] perBucket, long count, double sum) {
        Series series = seriesFor(labelValues.toArray(String[]::new));
        if (series != null) {
            System.arraycopy(perBucket, 0, series.buckets(), 0, Math.min(perBucket.length, series.buckets().length));
            series.histogram(count, sum);
        }
    }
}
