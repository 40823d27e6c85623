package io.hookmeter.exporter.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Everything client_java's HTTP server does not route itself: the landing page at {@code /}, {@code /-/ready},
 * and 404 for the rest ({@code /metrics} and {@code /-/healthy} are client_java's handlers).
 */
public final class RoutesHandler implements HttpHandler {
    private final byte[] landing;

    public RoutesHandler(String version, List<String> collectors) {
        this.landing = ("<!DOCTYPE html>\n<html><head><title>hookmeter-exporter</title></head><body>\n"
                + "<h1>hookmeter-exporter " + version + "</h1>\n"
                + "<p>Host metrics with node_exporter's names, and process groups.</p>\n"
                + "<ul><li><a href=\"metrics\">Metrics</a></li><li><a href=\"-/healthy\">Health</a></li>"
                + "<li><a href=\"-/ready\">Readiness</a></li></ul>\n"
                + "<p>Collectors: " + String.join(", ", collectors) + "</p>\n</body></html>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/" -> send(exchange, 200, "text/html; charset=utf-8", landing);
                case "/-/ready" -> send(exchange, 200, "text/plain; charset=utf-8",
                        "Exporter is Ready.\n".getBytes(StandardCharsets.UTF_8));
                default -> send(exchange, 404, "text/plain; charset=utf-8",
                        "404 page not found\n".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
