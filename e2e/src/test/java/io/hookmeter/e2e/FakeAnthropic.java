package io.hookmeter.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted stand-in for the Anthropic Messages API on a loopback port: {@code POST /v1/messages} answers with what
 * the {@link Script} says for that request, as the server-sent event stream the real API sends
 * ({@code message_start}, {@code content_block_start/delta/stop}, {@code message_delta} with the usage,
 * {@code message_stop}), or as one JSON message when the request did not ask for a stream. Every request body and the
 * reply are kept under {@code logDir}, so a failing run can be read afterwards.
 */
public final class FakeAnthropic implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Decides the reply to one request. Called from several threads at once: keep it thread-safe. */
    @FunctionalInterface
    public interface Script {
        Reply reply(Request request) throws InterruptedException;
    }

    /** One Messages API request. */
    public record Request(int number, JsonNode body) {
        public String model() {
            return body.path("model").asText("claude-sonnet-4-5");
        }

        public JsonNode messages() {
            return body.path("messages");
        }

        /** Index of the last user message whose own text (not a tool result) contains {@code marker}, or -1. */
        public int lastPromptWith(String marker) {
            JsonNode messages = messages();
            for (int i = messages.size() - 1; i >= 0; i--) {
                JsonNode message = messages.get(i);
                if ("user".equals(message.path("role").asText()) && text(message).contains(marker)) {
                    return i;
                }
            }
            return -1;
        }

        /** How many answers of ours follow message {@code index}: the step of the script the prompt is at. */
        public int answersAfter(int index) {
            int answers = 0;
            JsonNode messages = messages();
            for (int i = index + 1; i < messages.size(); i++) {
                if ("assistant".equals(messages.get(i).path("role").asText())) {
                    answers++;
                }
            }
            return answers;
        }

        private static String text(JsonNode message) {
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                return content.asText();
            }
            StringBuilder all = new StringBuilder();
            for (JsonNode block : content) {
                all.append(block.path("text").asText("")).append('\n');
            }
            return all.toString();
        }
    }

    /** Token usage of one reply, as the API reports it. */
    public record Usage(long input, long output, long cacheCreation, long cacheRead) {
        public static final Usage SMALL = new Usage(10, 5, 0, 0);
    }

    /** A content block of a reply. */
    public sealed interface Block permits Text, ToolUse {
    }

    public record Text(String text) implements Block {
    }

    /** A tool call; {@code input} is sent in two {@code input_json_delta} pieces, as the real API streams it. */
    public record ToolUse(String id, String name, ObjectNode input) implements Block {
    }

    /** One reply: its blocks, and the usage reported for it. {@code stop_reason} follows from the blocks. */
    public record Reply(List<Block> blocks, Usage usage) {
        public static Reply text(String text, Usage usage) {
            return new Reply(List.of(new Text(text)), usage);
        }

        String stopReason() {
            return blocks.stream().anyMatch(b -> b instanceof ToolUse) ? "tool_use" : "end_turn";
        }
    }

    private final HttpServer server;
    private volatile Script script;
    private final Path logDir;
    private final AtomicInteger requests = new AtomicInteger();

    /** @param script the replies; may be set later with {@link #script(Script)}, before the first request */
    public FakeAnthropic(Script script, Path logDir) throws IOException {
        this.script = script;
        this.logDir = Files.createDirectories(logDir);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public void script(Script replies) {
        this.script = replies;
    }

    /** The base URL for {@code ANTHROPIC_BASE_URL}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int number = requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String name = String.format("%03d", number);
        Files.write(logDir.resolve(name + "-request.json"),
                (exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n"
                        + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod()) || !path.equals("/v1/messages")) {
                // count_tokens and anything else: not part of the script; the client copes with a 404.
                send(exchange, 404, "application/json",
                        "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"not scripted\"}}");
                return;
            }
            Request request = new Request(number, JSON.readTree(body));
            Reply reply = script.reply(request);
            String messageId = "msg_e2e_" + name;
            String answer = request.body().path("stream").asBoolean(false)
                    ? stream(messageId, request.model(), reply)
                    : whole(messageId, request.model(), reply);
            Files.writeString(logDir.resolve(name + "-reply.txt"), answer);
            send(exchange, 200, request.body().path("stream").asBoolean(false) ? "text/event-stream"
                    : "application/json", answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Files.writeString(logDir.resolve(name + "-error.txt"), e.toString());
            send(exchange, 500, "application/json",
                    "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"fake API: " + e + "\"}}");
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("request-id", "req_e2e_" + System.nanoTime());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String stream(String id, String model, Reply reply) {
        StringBuilder sse = new StringBuilder();
        ObjectNode start = JSON.createObjectNode();
        start.put("type", "message_start");
        ObjectNode message = start.putObject("message");
        message.put("id", id).put("type", "message").put("role", "assistant").put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        ObjectNode usage = message.putObject("usage");
        usage.put("input_tokens", reply.usage().input())
                .put("cache_creation_input_tokens", reply.usage().cacheCreation())
                .put("cache_read_input_tokens", reply.usage().cacheRead())
                .put("output_tokens", 1);
        event(sse, "message_start", start);
        event(sse, "ping", JSON.createObjectNode().put("type", "ping"));
        int index = 0;
        for (Block block : reply.blocks()) {
            ObjectNode blockStart = JSON.createObjectNode().put("type", "content_block_start").put("index", index);
            if (block instanceof Text text) {
                blockStart.putObject("content_block").put("type", "text").put("text", "");
                event(sse, "content_block_start", blockStart);
                delta(sse, index, "text_delta", "text", text.text());
            } else if (block instanceof ToolUse tool) {
                ObjectNode content = blockStart.putObject("content_block");
                content.put("type", "tool_use").put("id", tool.id()).put("name", tool.name());
                content.putObject("input");
                event(sse, "content_block_start", blockStart);
                String json = tool.input().toString();
                int half = json.length() / 2;
                delta(sse, index, "input_json_delta", "partial_json", json.substring(0, half));
                delta(sse, index, "input_json_delta", "partial_json", json.substring(half));
            }
            event(sse, "content_block_stop", JSON.createObjectNode().put("type", "content_block_stop")
                    .put("index", index));
            index++;
        }
        ObjectNode end = JSON.createObjectNode().put("type", "message_delta");
        end.putObject("delta").put("stop_reason", reply.stopReason()).putNull("stop_sequence");
        end.putObject("usage").put("output_tokens", reply.usage().output());
        event(sse, "message_delta", end);
        event(sse, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
        return sse.toString();
    }

    private static void delta(StringBuilder sse, int index, String type, String field, String value) {
        ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
        delta.putObject("delta").put("type", type).put(field, value);
        event(sse, "content_block_delta", delta);
    }

    private static void event(StringBuilder sse, String name, ObjectNode data) {
        sse.append("event: ").append(name).append('\n').append("data: ").append(data).append("\n\n");
    }

    static String whole(String id, String model, Reply reply) {
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id).put("type", "message").put("role", "assistant").put("model", model);
        ArrayNode content = message.putArray("content");
        for (Block block : reply.blocks()) {
            if (block instanceof Text text) {
                content.addObject().put("type", "text").put("text", text.text());
            } else if (block instanceof ToolUse tool) {
                content.addObject().put("type", "tool_use").put("id", tool.id()).put("name", tool.name())
                        .set("input", tool.input());
            }
        }
        message.put("stop_reason", reply.stopReason()).putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", reply.usage().input())
                .put("cache_creation_input_tokens", reply.usage().cacheCreation())
                .put("cache_read_input_tokens", reply.usage().cacheRead())
                .put("output_tokens", reply.usage().output());
        return message.toString();
    }

}
