package io.hookmeter.hook.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;

/**
 * Asks Alertmanager's API v2 for the firing alerts (active, neither silenced nor inhibited). Uses
 * {@link HttpURLConnection}: it starts faster than {@code java.net.http.HttpClient}, which matters to a status line
 * that runs every 300 ms.
 */
public final class AlertmanagerClient {
    public static final String DEFAULT_URL = "http://localhost:9093";
    static final String QUERY = "/api/v2/alerts?active=true&silenced=false&inhibited=false&unprocessed=false";

    private final String baseUrl;

    public AlertmanagerClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The URL from {@code HOOKMETER_ALERTMANAGER_URL}, or the default. */
    public static AlertmanagerClient fromEnvironment(Map<String, String> env) {
        String url = env.get("HOOKMETER_ALERTMANAGER_URL");
        return new AlertmanagerClient(url == null || url.isBlank() ? DEFAULT_URL : url.trim());
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The firing alerts; throws when Alertmanager is unreachable, slow past the timeout, or answers an error. */
    public List<FiringAlert> firing(int timeoutMillis) throws IOException {
        URL url;
        try {
            url = URI.create(baseUrl + QUERY).toURL();
        } catch (IllegalArgumentException e) {
            throw new IOException("'" + baseUrl + "' is not a valid Alertmanager URL");
        }
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setConnectTimeout(Math.max(1, timeoutMillis));
        connection.setReadTimeout(Math.max(1, timeoutMillis));
        connection.setRequestProperty("Accept", "application/json");
        try {
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new IOException("Alertmanager answered HTTP " + status + " to GET " + url);
            }
            try (InputStream body = connection.getInputStream()) {
                return AlertsJson.firing(body);
            }
        } finally {
            connection.disconnect();
        }
    }
}
