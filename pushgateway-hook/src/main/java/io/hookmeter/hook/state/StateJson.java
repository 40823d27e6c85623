package io.hookmeter.hook.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.hookmeter.hook.json.StrictJson;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Helpers for components' JSON sections of the state, through the hook's one {@link StrictJson} factory. */
public final class StateJson {
    private StateJson() {
    }

    /** A parser over a section's raw JSON text. */
    public static JsonParser parser(String json) throws IOException {
        return StrictJson.FACTORY.createParser(json);
    }

    /** Something that writes one JSON value. */
    @FunctionalInterface
    public interface ValueWriter {
        void write(JsonGenerator generator) throws IOException;
    }

    /** Runs {@code writer} on a generator and returns the JSON text it wrote, ready for {@link MetricsState#putSection}. */
    public static String write(ValueWriter writer) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = StrictJson.FACTORY.createGenerator(text)) {
            writer.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
