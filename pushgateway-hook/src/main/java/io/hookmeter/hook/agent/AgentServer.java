package io.hookmeter.hook.agent;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.http.BlockingHttpServer;
import io.hookmeter.hook.http.HttpHandler;
import io.hookmeter.hook.http.HttpRequest;
import io.hookmeter.hook.http.HttpResponse;
import io.hookmeter.hook.http.HttpServerErrors;
import io.hookmeter.hook.http.RequestActivity;
import io.hookmeter.hook.json.StrictJson;
import io.hookmeter.hook.log.HookLog;
import io.hookmeter.hook.push.TextExposition;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Map;

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
 * Answers come from the agent's last snapshot; no request waits for the state lock or the Pushgateway. Served by
 * {@link BlockingHttpServer}, a thread per connection, for the round trip's sake.
 */
final class AgentServer {
    static final String DEFAULT_ADDRESS = "127.0.0.1:9096";
    static final int MAX_BODY = 1 << 20;
    /** Claude Code holds a few keep-alive connections, a scraper one, status lines one each for a moment. */
    static final int MAX_CONNECTIONS = 64;
    static final int IDLE_MILLIS = 30_000;

    private final BlockingHttpServer server;

    private AgentServer(BlockingHttpServer server) {
        this.server = server;
    }

    static AgentServer start(Agent agent, HookConfig config, HookLog log) throws IOException {
        String configured = config.get("agent.address", DEFAULT_ADDRESS);
        InetSocketAddress address = parse(configured);
        StatusLineEndpoint statusLine = new StatusLineEndpoint(agent, config);
        Map<String, HttpHandler> routes = Map.of(
                "/hook", post(request -> hook(agent, request, log)),
                "/metrics", get(request -> HttpResponse.text(200, TextExposition.CONTENT_TYPE,
                        agent.snapshot().exposition())),
                "/-/healthy", request -> HttpResponse.text(200, "text/plain", "OK\n"),
                "/-/ready", request -> HttpResponse.text(agent.ready() ? 200 : 503, "text/plain",
                        agent.ready() ? "OK\n" : "applying the spool\n"),
                "/-/status", request -> HttpResponse.text(200, "application/json", AgentStatus.json(agent, config)),
                "/statusline", post(request -> HttpResponse.text(200, "text/plain; charset=utf-8",
                        statusLine.render(request.tooLarge() ? new byte[0] : request.body(), request.query())
                                + "\n")));
        HttpServerErrors errors = new HttpServerErrors() {
            @Override
            public void handlerFailed(String path, Exception e) {
                log.accept("agent: " + path + " failed: " + e);
            }

            @Override
            public void connectionRefused(String why) {
                log.accept("agent: " + why);
            }
        };
        BlockingHttpServer server;
        try {
            server = BlockingHttpServer.start(address, routes, MAX_BODY, MAX_CONNECTIONS, IDLE_MILLIS, errors);
        } catch (BindException e) {
            // Another user's agent, or another program, has the port: keep working on a free one. The scripts find
            // it in agent.address; only "http" hooks, which name a fixed URL, need the configured one (doctor says).
            log.accept("agent: cannot listen on " + configured + " (" + e.getMessage() + "); using a free port");
            server = BlockingHttpServer.start(new InetSocketAddress(address.getAddress(), 0), routes, MAX_BODY,
                    MAX_CONNECTIONS, IDLE_MILLIS, errors);
        }
        return new AgentServer(server);
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
        InetSocketAddress bound = server.address();
        String host = bound.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort();
    }

    void stop() {
        server.stop();
    }

    RequestActivity activity() {
        return server.activity();
    }

    private static HttpResponse hook(Agent agent, HttpRequest request, HookLog log) {
        if (request.tooLarge()) {
            agent.countRejected("too_large");
            return HttpResponse.text(413, "text/plain", "a hook event is at most " + MAX_BODY + " bytes\n");
        }
        String problem = notOneObject(request.body());
        if (problem != null) {
            agent.countRejected("malformed_json");
            return HttpResponse.text(400, "text/plain", problem + "\n");
        }
        try {
            if (!agent.journal().append(request.body())) {
                log.accept("spool full: http hook event dropped (counted in hookmeter_events_dropped_total)");
            }
        } catch (IOException e) {
            // As for a command hook: the agent is never blocked, the loss is counted and logged.
            agent.spool().countDrop("write_failed");
            log.accept("http hook event not spooled: " + e.getMessage());
        }
        agent.wakeUp();
        return HttpResponse.NO_CONTENT;
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

    private static HttpHandler post(HttpHandler handler) {
        return only("POST", handler);
    }

    private static HttpHandler get(HttpHandler handler) {
        return only("GET", handler);
    }

    private static HttpHandler only(String method, HttpHandler handler) {
        return request -> request.method().equals(method) ? handler.handle(request)
                : HttpResponse.methodNotAllowed(method);
    }
}
