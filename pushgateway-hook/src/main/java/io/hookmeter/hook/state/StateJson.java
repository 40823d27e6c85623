package io.hookmeter.hook.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The one Jackson streaming factory of the hook, and helpers for components' JSON sections. */
public final class StateJson {
    /** Strict: duplicate keys are an error, so a damaged file is never half-understood. */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StateJson() {
    }

    /** A parser over a section's raw JSON text. */
    public static JsonParser parser(String json) throws IOException {
        return FACTORY.createParser(json);
    }

    /** Something that writes one JSON value. */
    @FunctionalInterface
    public interface ValueWriter {
        void write(JsonGenerator generator) throws IOException;
    }

    /** Runs {@code writer} on a generator and returns the JSON text it wrote, ready for {@link MetricsState#putSection}. */
    public static String write(ValueWriter writer) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            writer.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
