package io.hookmeter.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Small blocking HTTP helpers for tests. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    public static HttpResponse<String> get(String url) {
        return get(url, Map.of());
    }

    /** GET with extra request headers, for example {@link BasicAuth#headers()}. */
    public static HttpResponse<String> get(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    /** GET that must answer 200; returns the body. */
    public static String getOk(String url) {
        return getOk(url, Map.of());
    }

    /** GET with extra request headers that must answer 200; returns the body. */
    public static String getOk(String url, Map<String, String> headers) {
        HttpResponse<String> response = get(url, headers);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    public static HttpResponse<String> send(String method, String url, String body, String contentType) {
        return send(method, url, body, contentType, Map.of());
    }

    /** A request with a body and extra request headers, for example {@link BasicAuth#headers()}. */
    public static HttpResponse<String> send(String method, String url, String body, String contentType,
                                            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
