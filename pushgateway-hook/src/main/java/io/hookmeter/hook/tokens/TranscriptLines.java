package io.hookmeter.hook.tokens;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hookmeter.hook.json.StrictJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Parses one transcript JSONL line into an {@link AssistantUsage}, or null when the line is not an assistant entry
 * with usage (user lines, summaries, {@code <synthetic>} messages, lines without {@code message.id}, broken JSON).
 * Streaming, so that huge tool results in other lines cost a scan, not a tree.
 */
public final class TranscriptLines {
    /** Claude Code's model id for messages it made up itself (interruptions, errors): no API call, no cost. */
    public static final String SYNTHETIC_MODEL = "<synthetic>";
    private static final byte[] USAGE = "\"usage\"".getBytes(StandardCharsets.US_ASCII);

    public AssistantUsage parse(byte[] buffer, int offset, int length) {
        if (indexOf(buffer, offset, offset + length, USAGE) < 0) {
            return null; // most lines: user turns, tool results, summaries
        }
        try (JsonParser parser = StrictJson.FACTORY.createParser(buffer, offset, length)) {
            return parse(parser);
        } catch (IOException | RuntimeException e) {
            return null; // a broken line is not ours to fix; the rest of the transcript still counts
        }
    }

    public AssistantUsage parse(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return parse(bytes, 0, bytes.length);
    }

    private static AssistantUsage parse(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String type = null;
        String requestId = "";
        boolean sidechain = false;
        String timestamp = null;
        Message message = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "requestId" -> requestId = value == JsonToken.VALUE_STRING ? parser.getText() : "";
                case "isSidechain" -> sidechain = value == JsonToken.VALUE_TRUE;
                case "timestamp" -> timestamp = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "message" -> message = value == JsonToken.START_OBJECT ? Message.parse(parser) : null;
                default -> parser.skipChildren();
            }
        }
        if (!"assistant".equals(type) || message == null || message.id == null || message.model == null
                || message.usage == null || SYNTHETIC_MODEL.equals(message.model)) {
            return null;
        }
        return new AssistantUsage(message.id, requestId, message.model, sidechain, message.usage, timestamp);
    }

    /** The parts of {@code message} that matter here. */
    private static final class Message {
        String id;
        String model;
        Usage usage;

        static Message parse(JsonParser parser) throws IOException {
            Message message = new Message();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "id" -> message.id = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "model" -> message.model = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "usage" -> message.usage = value == JsonToken.START_OBJECT ? parseUsage(parser) : null;
                    default -> parser.skipChildren();
                }
            }
            return message;
        }
    }

    private static Usage parseUsage(JsonParser parser) throws IOException {
        long input = 0;
        long output = 0;
        long cacheCreation = 0;
        long cacheRead = 0;
        long write5m = 0;
        long write1h = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "input_tokens" -> input = count(parser, value);
                case "output_tokens" -> output = count(parser, value);
                case "cache_creation_input_tokens" -> cacheCreation = count(parser, value);
                case "cache_read_input_tokens" -> cacheRead = count(parser, value);
                case "cache_creation" -> {
                    long[] split = parseCacheSplit(parser, value);
                    write5m = split[0];
                    write1h = split[1];
                }
                default -> parser.skipChildren();
            }
        }
        // The split is a breakdown of the total; an older total-less line still has its split counted.
        cacheCreation = Math.max(cacheCreation, write5m + write1h);
        return new Usage(input, output, cacheCreation, cacheRead, write5m, write1h);
    }

    /** {@code cache_creation}: the cache writes split by lifetime, {5m, 1h}. */
    private static long[] parseCacheSplit(JsonParser parser, JsonToken value) throws IOException {
        long[] split = new long[2];
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return split;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken count = parser.nextToken();
            switch (field) {
                case "ephemeral_5m_input_tokens" -> split[0] = count(parser, count);
                case "ephemeral_1h_input_tokens" -> split[1] = count(parser, count);
                default -> parser.skipChildren();
            }
        }
        return split;
    }

    private static long count(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return Math.max(0, parser.getLongValue());
        }
        parser.skipChildren();
        return 0;
    }

    static int indexOf(byte[] data, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
