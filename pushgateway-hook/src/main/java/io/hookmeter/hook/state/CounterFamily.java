package io.hookmeter.hook.state;

import java.util.List;

/** A cumulative counter family: values only go up, so pushes of the totals can be replayed safely. */
public final class CounterFamily extends MetricFamily {
    CounterFamily(String name, String help, List<String> labelNames) {
        super(name, help, labelNames);
    }

    @Override
    public MetricType type() {
        return MetricType.COUNTER;
    }

    /** Adds one. */
    public void inc(String... labelValues) {
        inc(1, labelValues);
    }

    /** Adds {@code amount} (negative, NaN and infinite amounts are ignored: a counter never goes down). */
    public void inc(double amount, String... labelValues) {
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            return;
        }
        Series series = seriesFor(labelValues);
        if (series != null) {
            series.value(series.value() + amount);
        }
    }

    /** Makes sure the series exists (at 0), so that rate() and absent() work before the first event. */
    public void touch(String... labelValues) {
        seriesFor(labelValues);
    }

    /** The current total for these label values, 0 when the series does not exist. */
    public double value(String... labelValues) {
        Series series = find(labelValues);
        return series == null ? 0 : series.value();
    }
}
