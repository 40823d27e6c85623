package io.hookmeter.hook.spool;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hookmeter.hook.json.StrictJson;
import io.hookmeter.hook.state.StateJson;
import io.hookmeter.hook.toolcall.ToolCall;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The spool file of kind {@value SpoolName#RECORD}: one observation of {@code exec} or {@code record} as JSON. */
public final class RecordFile {
    private RecordFile() {
    }

    public static byte[] write(ToolCall call) {
        return StateJson.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("tool", call.tool());
            gen.writeStringField("outcome", call.outcome());
            gen.writeStringField("agent", call.agent());
            if (call.durationSeconds() != null) {
                gen.writeNumberField("duration_seconds", call.durationSeconds());
            }
            gen.writeNumberField("timestamp_seconds", call.timestampSeconds());
            if (call.exitCode() != null) {
                gen.writeNumberField("exit_code", call.exitCode());
            }
            gen.writeEndObject();
        }).getBytes(StandardCharsets.UTF_8);
    }

    /** The observation, or an exception saying what is wrong with the file. */
    public static ToolCall read(byte[] bytes) throws IOException {
        String tool = null;
        String outcome = null;
        String agent = ToolCall.MAIN_AGENT;
        Double seconds = null;
        double timestamp = 0;
        Integer exitCode = null;
        try (JsonParser p = StrictJson.FACTORY.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "tool" -> tool = p.getValueAsString();
                    case "outcome" -> outcome = p.getValueAsString();
                    case "agent" -> agent = p.getValueAsString(ToolCall.MAIN_AGENT);
                    case "duration_seconds" -> seconds = p.getDoubleValue();
                    case "timestamp_seconds" -> timestamp = p.getDoubleValue();
                    case "exit_code" -> exitCode = p.getIntValue();
                    default -> p.skipChildren();
                }
            }
        }
        if (tool == null || tool.isBlank() || outcome == null) {
            throw new IOException("a record without tool or outcome");
        }
        return new ToolCall(tool, outcome, agent, seconds, timestamp, exitCode);
    }
}
