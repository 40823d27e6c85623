package io.hookmeter.hook.report;

import io.hookmeter.hook.state.GaugeFamily;
import io.hookmeter.hook.state.MetricFamily;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.Series;
import io.hookmeter.hook.toolcall.ToolCall;
import io.hookmeter.hook.toolcall.ToolMetrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-tool figures from the state file alone: calls, success rate, mean, p50/p95 estimated from the histogram
 * buckets the way PromQL's {@code histogram_quantile} does (linear within the bucket), and the last call.
 *
 * @param calls           every recorded call, with or without a duration
 * @param successRate     share of calls with outcome success (0..1)
 * @param measured        calls with a duration (the histogram's count)
 * @param meanSeconds     mean duration of the measured calls, NaN when none
 * @param lastCallSeconds Unix time of the last call, 0 when unknown
 */
public record ToolSummary(String tool, long calls, double successRate, long measured, double meanSeconds,
                          double p50Seconds, double p95Seconds, double lastCallSeconds) {

    /** One summary per tool, most calls first. */
    public static List<ToolSummary> of(MetricsState state) {
        Map<String, Totals> byTool = new LinkedHashMap<>();
        MetricFamily duration = state.family(ToolMetrics.DURATION);
        double[] bounds = duration == null ? new double[0] : duration.bounds();
        if (duration != null) {
            for (Series series : duration.series()) {
                Totals totals = byTool.computeIfAbsent(series.labelValues().get(0), t -> new Totals(bounds.length));
                totals.add(series, ToolCall.SUCCESS.equals(series.labelValues().get(1)));
            }
        }
        MetricFamily unmeasured = state.family(ToolMetrics.UNMEASURED);
        if (unmeasured != null) {
            for (Series series : unmeasured.series()) {
                Totals totals = byTool.computeIfAbsent(series.labelValues().get(0), t -> new Totals(bounds.length));
                totals.calls += (long) series.value();
                if (ToolCall.SUCCESS.equals(series.labelValues().get(1))) {
                    totals.successes += (long) series.value();
                }
            }
        }
        GaugeFamily lastCall = state.family(ToolMetrics.LAST_CALL) instanceof GaugeFamily g ? g : null;
        List<ToolSummary> summaries = new ArrayList<>();
        for (Map.Entry<String, Totals> entry : byTool.entrySet()) {
            Totals t = entry.getValue();
            summaries.add(new ToolSummary(entry.getKey(), t.calls, t.calls == 0 ? 0 : (double) t.successes / t.calls,
                    t.count, t.count == 0 ? Double.NaN : t.sum / t.count, quantile(0.5, bounds, t.buckets, t.count),
                    quantile(0.95, bounds, t.buckets, t.count),
                    lastCall == null ? 0 : lastCall.value(entry.getKey())));
        }
        summaries.sort(Comparator.comparingLong(ToolSummary::calls).reversed().thenComparing(ToolSummary::tool));
        return summaries;
    }

    /** histogram_quantile over per-bucket counts (last slot +Inf); NaN without observations. */
    static double quantile(double q, double[] bounds, long[] perBucket, long count) {
        if (count == 0) {
            return Double.NaN;
        }
        double rank = q * count;
        long cumulative = 0;
        for (int i = 0; i < perBucket.length; i++) {
            long before = cumulative;
            cumulative += perBucket[i];
            if (cumulative >= rank && perBucket[i] > 0) {
                if (i == bounds.length) {
                    return bounds.length == 0 ? Double.NaN : bounds[bounds.length - 1];
                }
                double lower = i == 0 ? 0 : bounds[i - 1];
                return lower + (bounds[i] - lower) * (rank - before) / perBucket[i];
            }
        }
        return bounds.length == 0 ? Double.NaN : bounds[bounds.length - 1];
    }

    private static final class Totals {
        final long[] buckets;
        long calls;
        long successes;
        long count;
        double sum;

        Totals(int bounds) {
            buckets = new long[bounds + 1];
        }

        void add(Series series, boolean success) {
            long[] counts = series.bucketCounts();
            for (int i = 0; i < counts.length && i < buckets.length; i++) {
                buckets[i] += counts[i];
            }
            calls += series.count();
            count += series.count();
            sum += series.sum();
            if (success) {
                successes += series.count();
            }
        }
    }
}
