package io.hookmeter.hook.state;

import java.util.List;

/** A gauge family: the last value set wins. */
public final class GaugeFamily extends MetricFamily {
    GaugeFamily(String name, String help, List<String> labelNames) {
        super(name, help, labelNames);
    }

    @Override
    public MetricType type() {
        return MetricType.GAUGE;
    }

    public void set(double value, String... labelValues) {
        Series series = seriesFor(labelValues);
        if (series != null) {
            series.value(value);
        }
    }

    /**
     * Sets the value unless the current one is larger: for timestamps written by hooks that run concurrently and
     * may take the lock out of order.
     */
    public void setMax(double value, String... labelValues) {
        Series series = seriesFor(labelValues);
        if (series != null && series.value() < value) {
            series.value(value);
        }
    }

    /** The current value, 0 when the series does not exist. */
    public double value(String... labelValues) {
        Series series = find(labelValues);
        return series == null ? 0 : series.value();
    }
}
