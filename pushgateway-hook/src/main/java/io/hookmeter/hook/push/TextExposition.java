package io.hookmeter.hook.push;

import io.hookmeter.hook.state.MetricFamily;
import io.hookmeter.hook.state.MetricType;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.Series;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Prometheus text exposition format (0.0.4) of a state, written by hand because it is on every hook's hot path
 * (client_java's registry and writer cost start-up time). Its output is compared byte for byte with client_java's
 * {@code PrometheusTextFormatWriter} by a test. Families without series are left out.
 */
public final class TextExposition {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String TOTAL = "_total";

    private TextExposition() {
    }

    /** Families sorted by name, labels by name, series by label values: the order client_java writes. */
    public static String render(MetricsState state) {
        StringBuilder out = new StringBuilder(4096);
        List<MetricFamily> families = new ArrayList<>(state.families());
        families.sort(BY_EXPOSED_NAME);
        for (MetricFamily family : families) {
            if (family.series().isEmpty()) {
                continue;
            }
            Sorted sorted = new Sorted(family);
            switch (family.type()) {
                case COUNTER -> counter(out, family, sorted);
                case GAUGE -> gauge(out, family, sorted);
                case HISTOGRAM -> histogram(out, family, sorted);
            }
        }
        return out.toString();
    }

    /**
     * Comparators are classes, not lambdas or method references: a lambda the fast-start cache has not archived is
     * spun at run time through java.lang.invoke, which cost the hook about 5 ms of start-up.
     */
    private static final Comparator<MetricFamily> BY_EXPOSED_NAME = new Comparator<>() {
        @Override
        public int compare(MetricFamily a, MetricFamily b) {
            return exposedName(a).compareTo(exposedName(b));
        }
    };

    private static String exposedName(MetricFamily family) {
        return family.type() == MetricType.COUNTER && family.name().endsWith(TOTAL)
                ? family.name().substring(0, family.name().length() - TOTAL.length()) : family.name();
    }

    /**
     * A family's label names in alphabetical order and its series sorted by their values in that order. A series
     * whose {@link MetricFamily#OPTIONAL_LABELS optional label} is empty lacks that label, and sorts as client_java
     * sorts label sets: by their names first, then by their values.
     */
    private static final class Sorted {
        final int[] order;
        final List<String> names;
        /** Per sorted position: an optional label, left out where its value is empty. */
        final boolean[] optional;
        final List<Series> series;

        Sorted(MetricFamily family) {
            List<String> labelNames = family.labelNames();
            // Insertion sort of the label positions by name: a handful of labels, and no boxing or lambdas.
            order = new int[labelNames.size()];
            for (int i = 0; i < order.length; i++) {
                int j = i;
                while (j > 0 && labelNames.get(order[j - 1]).compareTo(labelNames.get(i)) > 0) {
                    order[j] = order[j - 1];
                    j--;
                }
                order[j] = i;
            }
            String[] sortedNames = new String[order.length];
            optional = new boolean[order.length];
            boolean anyOptional = false;
            for (int i = 0; i < order.length; i++) {
                sortedNames[i] = labelNames.get(order[i]);
                optional[i] = MetricFamily.OPTIONAL_LABELS.contains(sortedNames[i]);
                anyOptional |= optional[i];
            }
            names = List.of(sortedNames);
            series = new ArrayList<>(family.series());
            series.sort(anyOptional ? new ByPresentLabels(order, optional) : new ByLabelValues(order));
        }

        /** client_java's order of label sets when some series lack an optional label: names, then values. */
        private static final class ByPresentLabels implements Comparator<Series> {
            private final int[] order;
            private final boolean[] optional;

            ByPresentLabels(int[] order, boolean[] optional) {
                this.order = order;
                this.optional = optional;
            }

            @Override
            public int compare(Series a, Series b) {
                int i = next(a, 0);
                int j = next(b, 0);
                while (i < order.length && j < order.length) {
                    if (i != j) {
                        return Integer.compare(i, j); // the names differ here: the smaller name first
                    }
                    i = next(a, i + 1);
                    j = next(b, j + 1);
                }
                if (i < order.length || j < order.length) {
                    return i < order.length ? 1 : -1; // same names so far: the shorter set first
                }
                for (int index : order) {
                    int c = a.labelValues().get(index).compareTo(b.labelValues().get(index));
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            }

            /** The first sorted position from {@code from} on whose label the series has. */
            private int next(Series s, int from) {
                int i = from;
                while (i < order.length && optional[i] && s.labelValues().get(order[i]).isEmpty()) {
                    i++;
                }
                return i;
            }
        }

        private static final class ByLabelValues implements Comparator<Series> {
            private final int[] order;

            ByLabelValues(int[] order) {
                this.order = order;
            }

            @Override
            public int compare(Series a, Series b) {
                for (int index : order) {
                    int c = a.labelValues().get(index).compareTo(b.labelValues().get(index));
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            }
        }

        List<String> values(Series s) {
            String[] values = new String[order.length];
            for (int i = 0; i < order.length; i++) {
                values[i] = s.labelValues().get(order[i]);
            }
            return List.of(values);
        }
    }

    private static void counter(StringBuilder out, MetricFamily family, Sorted sorted) {
        String name = exposedName(family) + TOTAL;
        metadata(out, name, family.help(), MetricType.COUNTER);
        for (Series series : sorted.series) {
            sample(out, name, sorted, sorted.values(series), null, null);
            out.append(' ');
            writeDouble(out, series.value());
            out.append('\n');
        }
    }

    private static void gauge(StringBuilder out, MetricFamily family, Sorted sorted) {
        metadata(out, family.name(), family.help(), MetricType.GAUGE);
        for (Series series : sorted.series) {
            sample(out, family.name(), sorted, sorted.values(series), null, null);
            out.append(' ');
            writeDouble(out, series.value());
            out.append('\n');
        }
    }

    private static void histogram(StringBuilder out, MetricFamily family, Sorted sorted) {
        metadata(out, family.name(), family.help(), MetricType.HISTOGRAM);
        double[] bounds = family.bounds();
        String bucket = family.name() + "_bucket";
        for (Series series : sorted.series) {
            long[] counts = series.bucketCounts();
            long cumulative = 0;
            for (int i = 0; i <= bounds.length; i++) {
                cumulative += counts[i];
                String le = i < bounds.length ? doubleText(bounds[i]) : "+Inf";
                sample(out, bucket, sorted, sorted.values(series), "le", le);
                out.append(' ').append(cumulative).append('\n');
            }
            sample(out, family.name() + "_count", sorted, sorted.values(series), null, null);
            out.append(' ').append(series.count()).append('\n');
            sample(out, family.name() + "_sum", sorted, sorted.values(series), null, null);
            out.append(' ');
            writeDouble(out, series.sum());
            out.append('\n');
        }
    }

    private static void metadata(StringBuilder out, String name, String help, MetricType type) {
        if (help != null && !help.isEmpty()) {
            out.append("# HELP ").append(name).append(' ');
            escape(out, help, false);
            out.append('\n');
        }
        out.append("# TYPE ").append(name).append(' ').append(type.text()).append('\n');
    }

    private static void sample(StringBuilder out, String name, Sorted sorted, List<String> labelValues,
                               String extraName, String extraValue) {
        out.append(name);
        List<String> labelNames = sorted.names;
        int mark = out.length();
        out.append('{');
        boolean first = true;
        for (int i = 0; i < labelNames.size(); i++) {
            if (sorted.optional[i] && labelValues.get(i).isEmpty()) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(labelNames.get(i)).append("=\"");
            escape(out, labelValues.get(i), true);
            out.append('"');
        }
        if (extraName != null) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(extraName).append("=\"").append(extraValue).append('"');
        }
        if (first) {
            out.setLength(mark); // no labels at all: no braces
        } else {
            out.append('}');
        }
    }

    /** Backslash and newline always; double quote in label values only (as the format says). */
    private static void escape(StringBuilder out, String text, boolean quote) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '"' -> out.append(quote ? "\\\"" : "\"");
                default -> out.append(c);
            }
        }
    }

    private static void writeDouble(StringBuilder out, double value) {
        out.append(doubleText(value));
    }

    static String doubleText(double value) {
        if (value == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        if (value == Double.NEGATIVE_INFINITY) {
            return "-Inf";
        }
        return Double.toString(value);
    }
}
