package io.hookmeter.hook.push;

import io.hookmeter.hook.state.Buckets;
import io.hookmeter.hook.state.MetricFamily;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.Series;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written exposition against client_java's PrometheusTextFormatWriter, for the same data. */
class TextExpositionTest {

    @Test
    void matchesClientJavaByteForByte() throws IOException {
        MetricsState state = sample();
        String ours = TextExposition.render(state);
        String theirs = clientJava(state);
        assertEquals(theirs, ours);
        assertTrue(ours.contains("hookmeter_tool_duration_seconds_bucket{agent=\"main\",outcome=\"success\","
                + "tool=\"Bash\",le=\"0.25\"} 5\n"), "le is inclusive: " + ours);
    }

    @Test
    void anEmptyProjectIsNoLabelAndMixedSeriesSortAsClientJavaDoes() throws IOException {
        MetricsState state = new MetricsState();
        var tokens = state.counter("hookmeter_tokens_total", "Tokens.", "model", "type", "project");
        tokens.inc(5, "m", "input", "");
        tokens.inc(6, "m", "input", "shop");
        tokens.inc(7, "a", "output", "billing");
        tokens.inc(8, "z", "input", "");
        state.counter("hookmeter_cost_usd_total", "Cost.", "project").inc(1, "");
        var duration = state.histogram("hookmeter_tool_duration_seconds", "Duration.", new double[] {1},
                "tool", "outcome", "agent", "project");
        duration.observe(0.5, "Bash", "success", "main", "");
        duration.observe(0.5, "Bash", "success", "main", "shop");
        String ours = TextExposition.render(state);
        assertEquals(clientJava(state), ours);
        assertTrue(ours.contains("hookmeter_tokens_total{model=\"m\",type=\"input\"} 5.0\n"), ours);
        assertTrue(ours.contains("hookmeter_tokens_total{model=\"m\",project=\"shop\",type=\"input\"} 6.0\n"), ours);
        assertTrue(ours.contains("hookmeter_cost_usd_total 1.0\n"), ours);
        assertTrue(ours.contains("hookmeter_tool_duration_seconds_bucket{agent=\"main\",outcome=\"success\","
                + "tool=\"Bash\",le=\"1.0\"} 1\n"), ours);
    }

    @Test
    void seriesWithoutAProjectAreExposedByteForByteAsBeforeTheLabel() {
        MetricsState before = new MetricsState();
        MetricsState after = new MetricsState();
        var old = before.histogram("hookmeter_tool_duration_seconds", "D.", Buckets.seconds(), "tool", "outcome",
                "agent");
        var widened = after.histogram("hookmeter_tool_duration_seconds", "D.", Buckets.seconds(), "tool", "outcome",
                "agent", "project");
        String[][] calls = {{"Read", "success", "main"}, {"Bash", "error", "Explore"}, {"Bash", "success", "main"},
                {"Agent", "success", "main"}, {"Bash", "success", "Plan"}};
        for (String[] call : calls) {
            old.observe(0.3, call);
            widened.observe(0.3, call[0], call[1], call[2], "");
        }
        before.counter("hookmeter_cost_usd_total", "Cost.", "model").inc(0.5, "opus");
        after.counter("hookmeter_cost_usd_total", "Cost.", "model", "project").inc(0.5, "opus", "");
        assertEquals(TextExposition.render(before), TextExposition.render(after));
    }

    @Test
    void emptyFamiliesAreLeftOut() {
        MetricsState state = new MetricsState();
        state.counter("hookmeter_unused_total", "never incremented", "tool");
        assertEquals("", TextExposition.render(state));
    }

    static MetricsState sample() {
        MetricsState state = new MetricsState();
        state.counter("hookmeter_prompts_total", "Prompts submitted by the user.").inc(3);
        state.counter("hookmeter_tool_exit_codes_total", "Failed commands by tool and exit code.", "tool", "code")
                .inc("Bash", "2");
        var odd = state.counter("hookmeter_odd_total", "Help with \\ backslash and \"quotes\"\nand newline.",
                "zeta", "alpha");
        odd.inc(2.5, "quote \" backslash \\ newline \n end", "é ünïcode");
        var cost = state.counter("hookmeter_cost_usd_total", "Cost.", "model");
        cost.inc(0.1, "claude-opus-4-5");
        cost.inc(0.2, "claude-opus-4-5");
        state.gauge("hookmeter_tool_last_call_timestamp_seconds", "Last call.", "tool")
                .set(1.7e9 + 0.123, "Read");
        var duration = state.histogram("hookmeter_tool_duration_seconds", "Tool call duration in seconds.",
                Buckets.seconds(), "tool", "outcome", "agent");
        for (double v : new double[] {0.001, 0.005, 0.2, 0.25, 1, 2000, 0.0051}) {
            duration.observe(v, "Bash", "success", "main");
        }
        duration.observe(12, "mcp__github__search", "error", "Explore");
        return state;
    }

    /** The same data through client_java's model and writer. */
    private static String clientJava(MetricsState state) throws IOException {
        List<MetricSnapshot> snapshots = new ArrayList<>();
        for (MetricFamily family : state.families()) {
            if (family.series().isEmpty()) {
                continue;
            }
            switch (family.type()) {
                case COUNTER -> {
                    var builder = CounterSnapshot.builder()
                            .name(family.name().replaceAll("_total$", "")).help(family.help());
                    for (Series s : family.series()) {
                        builder.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                                .labels(labels(family, s)).value(s.value()).build());
                    }
                    snapshots.add(builder.build());
                }
                case GAUGE -> {
                    var builder = GaugeSnapshot.builder().name(family.name()).help(family.help());
                    for (Series s : family.series()) {
                        builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                                .labels(labels(family, s)).value(s.value()).build());
                    }
                    snapshots.add(builder.build());
                }
                case HISTOGRAM -> {
                    var builder = HistogramSnapshot.builder().name(family.name()).help(family.help());
                    double[] bounds = family.bounds();
                    for (Series s : family.series()) {
                        double[] upper = new double[bounds.length + 1];
                        System.arraycopy(bounds, 0, upper, 0, bounds.length);
                        upper[bounds.length] = Double.POSITIVE_INFINITY;
                        builder.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                                .labels(labels(family, s)).sum(s.sum())
                                .classicHistogramBuckets(ClassicHistogramBuckets.of(upper, s.bucketCounts()))
                                .build());
                    }
                    snapshots.add(builder.build());
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, MetricSnapshots.of(snapshots.toArray(MetricSnapshot[]::new)));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The series' labels without the optional ones it leaves empty. */
    private static Labels labels(MetricFamily family, Series series) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < family.labelNames().size(); i++) {
            String name = family.labelNames().get(i);
            String value = series.labelValues().get(i);
            if (!(value.isEmpty() && MetricFamily.OPTIONAL_LABELS.contains(name))) {
                names.add(name);
                values.add(value);
            }
        }
        return Labels.of(names.toArray(String[]::new), values.toArray(String[]::new));
    }
}
