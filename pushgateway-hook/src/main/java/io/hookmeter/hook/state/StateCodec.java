package io.hookmeter.hook.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hookmeter.hook.json.StrictJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and writes the state file with Jackson's streaming API (no databind: it is on every hook's hot path).
 *
 * <pre>{@code
 * {"schema": 1,
 *  "push": {"consecutive_failures": 0, "open_until_ms": 0, "last_success_ms": ..., "last_failure_ms": ..., "last_error": ""},
 *  "families": [{"name": "...", "type": "histogram", "help": "...", "labels": ["tool", ...], "buckets": [0.005, ...],
 *                "series": [{"l": ["Bash", ...], "b": [per-bucket counts..., +Inf count], "c": 3, "s": 0.42}]},
 *               {"name": "...", "type": "counter", "help": "...", "labels": [], "series": [{"l": [], "v": 7.0}]}],
 *  "sections": {"tokens": <any JSON value, kept as raw text>}}
 * }</pre>
 */
public final class StateCodec {
    private StateCodec() {
    }

    public static byte[] write(MetricsState state) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (JsonGenerator gen = StrictJson.FACTORY.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeNumberField("schema", MetricsState.SCHEMA_VERSION);
            writePush(gen, state.push());
            gen.writeArrayFieldStart("families");
            for (MetricFamily family : state.families()) {
                writeFamily(gen, family);
            }
            gen.writeEndArray();
            gen.writeObjectFieldStart("sections");
            for (var section : state.sections().entrySet()) {
                gen.writeFieldName(section.getKey());
                gen.writeRawValue(section.getValue());
            }
            gen.writeEndObject();
            gen.writeEndObject();
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void writePush(JsonGenerator gen, PushStatus push) throws IOException {
        gen.writeObjectFieldStart("push");
        gen.writeNumberField("consecutive_failures", push.consecutiveFailures());
        gen.writeNumberField("open_until_ms", push.openUntilMillis());
        gen.writeNumberField("last_success_ms", push.lastSuccessMillis());
        gen.writeNumberField("last_failure_ms", push.lastFailureMillis());
        gen.writeStringField("last_error", push.lastError());
        gen.writeEndObject();
    }

    private static void writeFamily(JsonGenerator gen, MetricFamily family) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("name", family.name());
        gen.writeStringField("type", family.type().text());
        gen.writeStringField("help", family.help());
        writeStrings(gen, "labels", family.labelNames());
        boolean histogram = family.type() == MetricType.HISTOGRAM;
        if (histogram) {
            gen.writeArrayFieldStart("buckets");
            for (double bound : family.bounds()) {
                gen.writeNumber(bound);
            }
            gen.writeEndArray();
        }
        gen.writeArrayFieldStart("series");
        for (Series series : family.series()) {
            gen.writeStartObject();
            writeStrings(gen, "l", series.labelValues());
            if (histogram) {
                gen.writeArrayFieldStart("b");
                for (long count : series.buckets()) {
                    gen.writeNumber(count);
                }
                gen.writeEndArray();
                gen.writeNumberField("c", series.count());
                gen.writeNumberField("s", series.sum());
            } else {
                gen.writeNumberField("v", series.value());
            }
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeEndObject();
    }

    private static void writeStrings(JsonGenerator gen, String field, List<String> values) throws IOException {
        gen.writeArrayFieldStart(field);
        for (String value : values) {
            gen.writeString(value);
        }
        gen.writeEndArray();
    }

    /** Parses a whole state file; anything unexpected is a {@link CorruptStateException}. */
    public static MetricsState read(byte[] bytes) throws CorruptStateException {
        MetricsState state = new MetricsState();
        boolean sawSchema = false;
        try (JsonParser p = StrictJson.FACTORY.createParser(bytes)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "state");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "schema" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT || p.getIntValue() != MetricsState.SCHEMA_VERSION) {
                            throw new CorruptStateException("unsupported state schema " + p.getText()
                                    + " (this hookmeter reads " + MetricsState.SCHEMA_VERSION + ")");
                        }
                        sawSchema = true;
                    }
                    case "push" -> readPush(p, state.push());
                    case "families" -> {
                        expect(value, JsonToken.START_ARRAY, "families");
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            state.add(readFamily(p));
                        }
                    }
                    case "sections" -> readSections(p, bytes, state);
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new CorruptStateException("trailing content after the state object");
            }
        } catch (IOException | RuntimeException e) {
            throw new CorruptStateException("state file is not valid: " + e.getMessage(), e);
        }
        if (!sawSchema) {
            throw new CorruptStateException("state file has no schema version");
        }
        return state;
    }

    private static void readPush(JsonParser p, PushStatus push) throws IOException, CorruptStateException {
        expect(p.currentToken(), JsonToken.START_OBJECT, "push");
        int failures = 0;
        long openUntil = 0;
        long lastSuccess = 0;
        long lastFailure = 0;
        String error = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "consecutive_failures" -> failures = p.getValueAsInt();
                case "open_until_ms" -> openUntil = p.getValueAsLong();
                case "last_success_ms" -> lastSuccess = p.getValueAsLong();
                case "last_failure_ms" -> lastFailure = p.getValueAsLong();
                case "last_error" -> error = p.getValueAsString("");
                default -> p.skipChildren();
            }
        }
        push.restore(failures, openUntil, lastSuccess, lastFailure, error);
    }

    private static MetricFamily readFamily(JsonParser p) throws IOException, CorruptStateException {
        expect(p.currentToken(), JsonToken.START_OBJECT, "family");
        String name = null;
        String type = null;
        String help = "";
        List<String> labels = List.of();
        double[] bounds = new double[0];
        List<RawSeries> series = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "name" -> name = p.getText();
                case "type" -> type = p.getText();
                case "help" -> help = p.getText();
                case "labels" -> labels = readStrings(p);
                case "buckets" -> bounds = readDoubles(p);
                case "series" -> {
                    expect(value, JsonToken.START_ARRAY, "series");
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        series.add(readSeries(p));
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (name == null || type == null) {
            throw new CorruptStateException("a family without name or type");
        }
        MetricFamily family = switch (MetricType.fromText(type)) {
            case COUNTER -> new CounterFamily(name, help, labels);
            case GAUGE -> new GaugeFamily(name, help, labels);
            case HISTOGRAM -> new HistogramFamily(name, help, bounds, labels);
        };
        for (RawSeries raw : series) {
            if (raw.labels.size() != labels.size()) {
                throw new CorruptStateException(name + ": a series with " + raw.labels.size() + " label values");
            }
            if (family instanceof HistogramFamily histogram) {
                if (raw.buckets.length != bounds.length + 1) {
                    throw new CorruptStateException(name + ": a series with " + raw.buckets.length + " buckets");
                }
                histogram.restore(raw.labels, raw.buckets, raw.count, raw.sum);
            } else {
                family.seriesFor(raw.labels.toArray(String[]::new)).value(raw.value);
            }
        }
        return family;
    }

    private record RawSeries(List<String> labels, double value, long[] buckets, long count, double sum) {
    }

    private static RawSeries readSeries(JsonParser p) throws IOException, CorruptStateException {
        expect(p.currentToken(), JsonToken.START_OBJECT, "series");
        List<String> labels = List.of();
        double value = 0;
        long[] buckets = new long[0];
        long count = 0;
        double sum = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "l" -> labels = readStrings(p);
                case "v" -> value = p.getValueAsDouble();
                case "c" -> count = p.getValueAsLong();
                case "s" -> sum = p.getValueAsDouble();
                case "b" -> {
                    double[] raw = readDoubles(p);
                    buckets = new long[raw.length];
                    for (int i = 0; i < raw.length; i++) {
                        buckets[i] = (long) raw[i];
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new RawSeries(labels, value, buckets, count, sum);
    }

    /** Keeps each section's bytes exactly as they are in the file, without building anything from them. */
    private static void readSections(JsonParser p, byte[] bytes, MetricsState state)
            throws IOException, CorruptStateException {
        expect(p.currentToken(), JsonToken.START_OBJECT, "sections");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            int start = (int) p.currentTokenLocation().getByteOffset();
            p.skipChildren();
            int end = (int) p.currentLocation().getByteOffset();
            if (start < 0 || end > bytes.length || end <= start) {
                throw new CorruptStateException("cannot locate section " + name);
            }
            state.putSection(name, new String(bytes, start, end - start, StandardCharsets.UTF_8));
        }
    }

    private static List<String> readStrings(JsonParser p) throws IOException, CorruptStateException {
        expect(p.currentToken(), JsonToken.START_ARRAY, "string array");
        List<String> values = new ArrayList<>();
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            expect(token, JsonToken.VALUE_STRING, "string");
            values.add(p.getText());
        }
        return values;
    }

    private static double[] readDoubles(JsonParser p) throws IOException, CorruptStateException {
        expect(p.currentToken(), JsonToken.START_ARRAY, "number array");
        double[] values = new double[8];
        int n = 0;
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new CorruptStateException("expected a number, found " + token);
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = p.getDoubleValue();
        }
        return Arrays.copyOf(values, n);
    }

    private static void expect(JsonToken actual, JsonToken expected, String what) throws CorruptStateException {
        if (actual != expected) {
            throw new CorruptStateException("expected " + what + " (" + expected + "), found " + actual);
        }
    }
}
