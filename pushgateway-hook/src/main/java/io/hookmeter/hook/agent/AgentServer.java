package io.hookmeter.hook.agent;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.json.StrictJson;
import io.hookmeter.hook.log.HookLog;
import io.hookmeter.hook.push.TextExposition;
import io.hookmeter.hook.spool.SpoolGroupWriter;
import io.hookmeter.hook.state.StateJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The agent's HTTP side on {@code HOOKMETER_AGENT_ADDRESS} (default {@value #DEFAULT_ADDRESS}):
 * <ul>
 * <li>{@code POST /hook}: a Claude Code {@code type: "http"} hook body, spooled like a command hook's; 204 with an
 * empty body (Claude Code would read a JSON body as a decision), 413 over {@value #MAX_BODY} bytes, 400 when it
 * is not one JSON object (counted as rejected).</li>
 * <li>{@code GET /metrics}: the pushed group, for a Prometheus (or a team forwarder) that scrapes the agent.</li>
 * <li>{@code GET /-/healthy}, {@code GET /-/ready} (after the first batch), {@code GET /-/status} (JSON).</li>
 * <li>{@code POST /statusline}: the status line for the posted status-line JSON ({@link StatusLineEndpoint}).</li>
 * </ul>
 * Answers come from the agent's last snapshot; no request waits for the state lock or the Pushgateway.
 */
final class AgentServer {
    static final String DEFAULT_ADDRESS = "127.0.0.1:9096";
    static final int MAX_BODY = 1 << 20;
    /** One per keep-alive connection Claude Code might hold at once; idle ones cost a parked thread. */
    private static final int THREADS = 8;

    private final HttpServer server;
    private final ExecutorService executor;

    private AgentServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static AgentServer start(Agent agent, HookConfig config, HookLog log) throws IOException {
        String configured = config.get("agent.address", DEFAULT_ADDRESS);
        InetSocketAddress address = parse(configured);
        HttpServer server;
        try {
            server = HttpServer.create(address, 64);
        } catch (BindException e) {
            // Another user's agent, or another program, has the port: keep working on a free one. The scripts find
            // it in agent.address; only "http" hooks, which name a fixed URL, need the configured one (doctor says).
            log.accept("agent: cannot listen on " + configured + " (" + e.getMessage() + "); using a free port");
            server = HttpServer.create(new InetSocketAddress(address.getAddress(), 0), 64);
        }
        StatusLineEndpoint statusLine = new StatusLineEndpoint(agent, config);
        SpoolGroupWriter spoolWriter = new SpoolGroupWriter(agent.spool());
        server.createContext("/hook", exchange -> hook(agent, spoolWriter, exchange, log));
        server.createContext("/metrics", exchange -> {
            if (allow(exchange, "GET")) {
                answer(exchange, 200, TextExposition.CONTENT_TYPE, agent.snapshot().exposition());
            }
        });
        server.createContext("/-/healthy", exchange -> answer(exchange, 200, "text/plain", "OK\n"));
        server.createContext("/-/ready", exchange -> answer(exchange, agent.ready() ? 200 : 503, "text/plain",
                agent.ready() ? "OK\n" : "applying the spool\n"));
        server.createContext("/-/status", exchange -> answer(exchange, 200, "application/json",
                AgentStatus.json(agent, config)));
        server.createContext("/statusline", exchange -> {
            if (allow(exchange, "POST")) {
                byte[] body = readBody(exchange.getRequestBody(), MAX_BODY);
                answer(exchange, 200, "text/plain; charset=utf-8",
                        statusLine.render(body == null ? new byte[0] : body, exchange.getRequestURI().getQuery())
                                + "\n");
            }
        });
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "agent-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new AgentServer(server, executor);
    }

    /** {@code host:port}, {@code :port} (loopback) or {@code port}. */
    static InetSocketAddress parse(String address) {
        int colon = address.lastIndexOf(':');
        String host = colon <= 0 ? "127.0.0.1" : address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("agent.address '" + address + "' is not HOST:PORT");
        }
        return new InetSocketAddress(host, port);
    }

    String address() {
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort();
    }

    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void hook(Agent agent, SpoolGroupWriter spoolWriter, HttpExchange exchange, HookLog log)
            throws IOException {
        if (!allow(exchange, "POST")) {
            return;
        }
        byte[] body = readBody(exchange.getRequestBody(), MAX_BODY);
        if (body == null) {
            agent.countRejected("too_large");
            answer(exchange, 413, "text/plain", "a hook event is at most " + MAX_BODY + " bytes\n");
            return;
        }
        String problem = notOneObject(body);
        if (problem != null) {
            agent.countRejected("malformed_json");
            answer(exchange, 400, "text/plain", problem + "\n");
            return;
        }
        try {
            if (spoolWriter.write(body) == null) {
                log.accept("spool full: http hook event dropped (counted in hookmeter_events_dropped_total)");
            }
        } catch (IOException e) {
            // As for a command hook: the agent is never blocked, the loss is counted and logged.
            agent.spool().countDrop("write_failed");
            log.accept("http hook event not spooled: " + e.getMessage());
        }
        agent.wakeUp();
        answer(exchange, 204, null, null);
    }

    /** Null when the body is exactly one JSON object; otherwise what is wrong. */
    static String notOneObject(byte[] body) {
        try (JsonParser p = StrictJson.FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "not a JSON object";
            }
            p.skipChildren();
            return p.nextToken() == null ? null : "content after the JSON object";
        } catch (IOException e) {
            return "invalid JSON";
        }
    }

    /** The body, or null when it is longer than {@code max}. */
    static byte[] readBody(InputStream in, int max) throws IOException {
        try (in) {
            byte[] body = in.readNBytes(max + 1);
            if (body.length > max) {
                in.transferTo(OutputStream.nullOutputStream()); // read to its end, so the answer reaches the client
                return null;
            }
            return body;
        }
    }

    private static boolean allow(HttpExchange exchange, String method) throws IOException {
        if (exchange.getRequestMethod().equals(method)) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", method);
        answer(exchange, 405, "text/plain", "use " + method + "\n");
        return false;
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        try (exchange) {
            if (body == null) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
