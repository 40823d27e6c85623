package io.hookmeter.hook.push;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP PUT of a body to the Pushgateway, bounded by a connect and a read timeout. Plain {@code http://} goes
 * over a bare socket connected directly, never through a proxy (the fastest start, few classes to load);
 * {@code https://} uses {@link HttpURLConnection}.
 */
public final class PushClient {
    private final int connectTimeoutMillis;
    private final int timeoutMillis;
    private final String authorization;

    /** @param authorization the {@code Authorization} header value, or null */
    public PushClient(int connectTimeoutMillis, int timeoutMillis, String authorization) {
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.timeoutMillis = timeoutMillis;
        this.authorization = authorization;
    }

    /** Sends the PUT; throws with a one-line explanation unless the answer is 2xx. */
    public void put(String url, byte[] body, String contentType) throws IOException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid Pushgateway URL " + url);
        }
        if ("http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
            putPlain(uri, body, contentType);
        } else if ("https".equalsIgnoreCase(uri.getScheme())) {
            putTls(uri.toURL(), body, contentType);
        } else {
            throw new IOException("unsupported Pushgateway URL " + url + " (use http:// or https://)");
        }
    }

    private void putPlain(URI uri, byte[] body, String contentType) throws IOException {
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder head = new StringBuilder(256)
                .append("PUT ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(port).append("\r\n")
                .append("User-Agent: hookmeter\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("Connection: close\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        head.append("\r\n");
        // A direct connection: a plain Socket would first ask the default ProxySelector (only SOCKS system
        // properties could make it answer anything), which costs the hook about 2 ms of class initialization.
        try (Socket socket = new Socket(Proxy.NO_PROXY)) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), connectTimeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            String response = readSome(socket.getInputStream(), 2048);
            int status = statusCode(response);
            if (status < 200 || status > 299) {
                throw new IOException("Pushgateway answered " + firstLine(response) + ": " + body(response));
            }
        }
    }

    private void putTls(URL url, byte[] body, String contentType) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        try {
            connection.setRequestMethod("PUT");
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(timeoutMillis);
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            connection.setRequestProperty("Content-Type", contentType);
            if (authorization != null) {
                connection.setRequestProperty("Authorization", authorization);
            }
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            if (status < 200 || status > 299) {
                InputStream error = connection.getErrorStream();
                throw new IOException("Pushgateway answered HTTP " + status
                        + (error == null ? "" : ": " + readSome(error, 512).strip()));
            }
        } finally {
            connection.disconnect();
        }
    }

    /**
     * Up to {@code limit} bytes of the answer. A server that refuses a request before reading its body (the
     * Pushgateway's basic auth, once the body outgrows its 4 KiB read buffer) resets the connection right after
     * its answer: what was read is kept, so the 401 is reported, not the reset.
     */
    private static String readSome(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[512];
        int n;
        try {
            while (buffer.size() < limit && (n = in.read(chunk)) > 0) {
                buffer.write(chunk, 0, n);
            }
        } catch (SocketException e) {
            if (buffer.size() == 0) {
                throw e;
            }
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    static int statusCode(String response) throws IOException {
        String line = firstLine(response);
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: " + line);
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP answer: " + line);
        }
    }

    private static String firstLine(String response) {
        int end = response.indexOf('\r');
        return (end < 0 ? response : response.substring(0, end)).strip();
    }

    private static String body(String response) {
        int start = response.indexOf("\r\n\r\n");
        String text = start < 0 ? "" : response.substring(start + 4).strip();
        return text.length() > 300 ? text.substring(0, 300) : text;
    }
}
