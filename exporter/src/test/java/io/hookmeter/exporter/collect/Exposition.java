package io.hookmeter.exporter.collect;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A collector's output as Prometheus text, exactly as /metrics would serve it. */
public final class Exposition {
    private Exposition() {
    }

    public static String of(Collector collector) throws Exception {
        MetricSink sink = new MetricSink();
        collector.collect(sink);
        return text(new MetricSnapshots(sink.snapshots()));
    }

    public static String text(MetricSnapshots snapshots) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, snapshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
