package io.hookmeter.hook.tokens;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TranscriptLinesTest {
    private final TranscriptLines lines = new TranscriptLines();

    @Test
    void readsTheUsageWhateverTheFieldOrder() {
        AssistantUsage entry = lines.parse("{\"requestId\":\"r\",\"message\":{\"usage\":{\"output_tokens\":2,"
                + "\"cache_creation\":{\"ephemeral_1h_input_tokens\":7,\"ephemeral_5m_input_tokens\":3},"
                + "\"input_tokens\":1,\"cache_read_input_tokens\":4,\"cache_creation_input_tokens\":10,"
                + "\"server_tool_use\":{\"web_search_requests\":0}},\"model\":\"m\",\"id\":\"i\"},"
                + "\"isSidechain\":true,\"type\":\"assistant\",\"future_field\":[1,{\"a\":null}]}");
        assertEquals(new AssistantUsage("i", "r", "m", true, new Usage(1, 2, 10, 4, 3, 7)), entry);
        assertEquals("i:r", entry.key());
    }

    @Test
    void ignoresWhatIsNotAnAssistantResponse() {
        assertNull(lines.parse("{\"type\":\"user\",\"message\":{\"id\":\"i\",\"model\":\"m\",\"usage\":{}}}"));
        assertNull(lines.parse("{\"type\":\"assistant\",\"message\":{\"id\":\"i\",\"model\":\"<synthetic>\","
                + "\"usage\":{\"input_tokens\":0}}}"));
        assertNull(lines.parse("{\"type\":\"assistant\",\"message\":{\"model\":\"m\",\"usage\":{}}}"), "no id");
        assertNull(lines.parse("{\"type\":\"assistant\",\"message\":{\"id\":\"i\",\"model\":\"m\",\"usage\":nul"));
        assertNull(lines.parse("[\"usage\"]"));
        assertNull(lines.parse(""));
    }

    @Test
    void nullAndNegativeCountsCountAsZero() {
        AssistantUsage entry = lines.parse("{\"type\":\"assistant\",\"message\":{\"id\":\"i\",\"model\":\"m\","
                + "\"usage\":{\"input_tokens\":null,\"output_tokens\":-5,\"cache_read_input_tokens\":\"7\"}}}");
        assertEquals(Usage.ZERO, entry.usage());
        assertEquals("", entry.requestId());
    }
}
