package io.hookmeter.hook.state;

import java.util.List;

/**
 * One time series of a family: its label values and its numbers. Counters and gauges use {@link #value()};
 * histograms use {@link #bucketCounts()} (per bucket, not cumulative; the last slot is the {@code +Inf} bucket),
 * {@link #count()} and {@link #sum()}.
 */
public final class Series {
    private final List<String> labelValues;
    private double value;
    private final long[] bucketCounts;
    private long count;
    private double sum;

    Series(List<String> labelValues, int buckets) {
        this.labelValues = List.copyOf(labelValues);
        this.bucketCounts = new long[buckets];
    }

    public List<String> labelValues() {
        return labelValues;
    }

    public double value() {
        return value;
    }

    void value(double newValue) {
        this.value = newValue;
    }

    /** Per-bucket counts (a copy), one slot per upper bound plus the {@code +Inf} slot. */
    public long[] bucketCounts() {
        return bucketCounts.clone();
    }

    long[] buckets() {
        return bucketCounts;
    }

    public long count() {
        return count;
    }

    public double sum() {
        return sum;
    }

    void copyFrom(Series other) {
        value = other.value;
        System.arraycopy(other.bucketCounts, 0, bucketCounts, 0, Math.min(bucketCounts.length,
                other.bucketCounts.length));
        count = other.count;
        sum = other.sum;
    }

    void histogram(long newCount, double newSum) {
        this.count = newCount;
        this.sum = newSum;
    }
}
