package io.hookmeter.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookmeter.e2e.FakeAnthropic.Reply;
import io.hookmeter.e2e.FakeAnthropic.Text;
import io.hookmeter.e2e.FakeAnthropic.Usage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stream has the shape of the real Messages API's: the client parses it as such. */
class FakeAnthropicTest {
    @Test
    void aStreamedReplyWithTextAndAToolCall() throws Exception {
        Reply reply = new Reply(List.of(new Text("Let me look."),
                MarkedScript.tool("t1", "Read", "file_path", "/p/a.txt")), new Usage(120, 30, 5, 7));
        List<String> names = new ArrayList<>();
        List<JsonNode> data = new ArrayList<>();
        for (String event : FakeAnthropic.stream("msg_1", "claude-sonnet-4-5", reply).split("\n\n")) {
            String[] lines = event.split("\n");
            names.add(lines[0].substring("event: ".length()));
            data.add(FakeAnthropic.JSON.readTree(lines[1].substring("data: ".length())));
        }
        assertEquals(List.of("message_start", "ping", "content_block_start", "content_block_delta",
                "content_block_stop", "content_block_start", "content_block_delta", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop"), names);
        JsonNode usage = data.get(0).path("message").path("usage");
        assertEquals(120, usage.path("input_tokens").asInt());
        assertEquals(5, usage.path("cache_creation_input_tokens").asInt());
        assertEquals(7, usage.path("cache_read_input_tokens").asInt());
        assertEquals("tool_use", data.get(5).path("content_block").path("type").asText());
        String json = data.get(6).path("delta").path("partial_json").asText()
                + data.get(7).path("delta").path("partial_json").asText();
        assertEquals("/p/a.txt", FakeAnthropic.JSON.readTree(json).path("file_path").asText(),
                "the input_json_delta pieces make the input");
        assertEquals("tool_use", data.get(9).path("delta").path("stop_reason").asText());
        assertEquals(30, data.get(9).path("usage").path("output_tokens").asInt());
    }

    @Test
    void aPromptIsAnsweredByItsMarkerAndItsStep() throws Exception {
        SessionScript script = new SessionScript(java.nio.file.Path.of("/p"));
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\""
                + SessionScript.PROMPT + "\"}]},{\"role\":\"assistant\",\"content\":[]},{\"role\":\"user\","
                + "\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"x\",\"content\":\"ok\"}]}]}";
        Reply reply = script.reply(new FakeAnthropic.Request(1, FakeAnthropic.JSON.readTree(body)));
        assertEquals(SessionScript.usage(1), reply.usage(), "second step of the main prompt");
        Reply side = script.reply(new FakeAnthropic.Request(2, FakeAnthropic.JSON.readTree(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"summarize\"}]}")));
        assertEquals(Usage.SMALL, side.usage(), "unmarked side requests get a short answer");
    }
}
