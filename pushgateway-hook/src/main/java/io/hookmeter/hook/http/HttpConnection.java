package io.hookmeter.hook.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Serves the requests of one keep-alive connection, one after another, on the caller's thread: HTTP/1.1 (and 1.0)
 * with {@code Content-Length} or chunked bodies, {@code Expect: 100-continue}, {@code Connection: close}. A request
 * it cannot read gets a {@code 4xx} and the connection is closed; a body over the limit is read to its end and
 * handed over as too large, so the client still gets its answer.
 */
final class HttpConnection {
    /** The request line and headers together: far more than any client here sends. */
    static final int MAX_HEAD = 16 * 1024;

    private final InputStream in;
    private final OutputStream out;
    private final Map<String, HttpHandler> routes;
    private final int maxBody;
    private final byte[] head = new byte[MAX_HEAD];
    private final RequestActivity activity;

    /** @param activity told of each request, from its head read to its answer written */
    HttpConnection(InputStream in, OutputStream out, Map<String, HttpHandler> routes, int maxBody,
                   RequestActivity activity) {
        this.in = in;
        this.out = out;
        this.routes = routes;
        this.maxBody = maxBody;
        this.activity = activity;
    }

    /** A request that cannot be served: its answer, after which the connection closes. */
    static final class BadRequest extends Exception {
        final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** Serves requests until the client closes, asks to close, or sends something unreadable. */
    void serve(HttpServerErrors errors) throws IOException {
        while (true) {
            int length;
            try {
                length = readHead();
            } catch (SocketTimeoutException | EOFException e) {
                return; // idle keep-alive connection, or the client went away between requests
            } catch (BadRequest e) {
                write(HttpResponse.text(e.status, "text/plain", e.getMessage() + "\n"), false, false);
                return;
            }
            if (length == 0) {
                return;
            }
            activity.begin();
            try {
                if (!serveOne(length, errors)) {
                    return;
                }
            } finally {
                activity.end();
            }
        }
    }

    /** Serves the request whose head is read; false when the connection closes after it. */
    private boolean serveOne(int length, HttpServerErrors errors) throws IOException {
        boolean keepAlive;
        HttpResponse response;
        boolean head;
        try {
            Head parsed = Head.parse(this.head, length);
            head = parsed.method().equals("HEAD");
            keepAlive = parsed.keepAlive();
            HttpHandler handler = routes.get(parsed.path());
            if (parsed.expectsContinue()) {
                if (parsed.contentLength() > maxBody) {
                    write(HttpResponse.text(413, "text/plain", "at most " + maxBody + " bytes\n"), false, false);
                    return false;
                }
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            byte[] body = parsed.chunked() ? readChunked() : readFixed(parsed.contentLength());
            if (handler == null) {
                response = HttpResponse.text(404, "text/plain", "no such path: " + parsed.path() + "\n");
            } else {
                response = call(handler, new HttpRequest(head ? "GET" : parsed.method(), parsed.path(),
                        parsed.query(), body), errors);
            }
        } catch (BadRequest e) {
            write(HttpResponse.text(e.status, "text/plain", e.getMessage() + "\n"), false, false);
            return false;
        }
        write(response, keepAlive, head);
        return keepAlive;
    }

    private static HttpResponse call(HttpHandler handler, HttpRequest request, HttpServerErrors errors) {
        try {
            return handler.handle(request);
        } catch (IOException | RuntimeException e) {
            errors.handlerFailed(request.path(), e);
            return HttpResponse.text(500, "text/plain", "internal error\n");
        }
    }

    /** Reads up to the blank line after the headers; its length, or 0 when the client closed before a request. */
    private int readHead() throws IOException, BadRequest {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (n == 0) {
                    return 0;
                }
                throw new EOFException("closed in the middle of a request head");
            }
            if (n == 0 && (b == '\r' || b == '\n')) {
                continue; // blank lines before a request line are allowed (RFC 9112 2.2)
            }
            if (n == MAX_HEAD) {
                throw new BadRequest(431, "request head over " + MAX_HEAD + " bytes");
            }
            head[n++] = (byte) b;
            if (b == '\n' && (n >= 2 && head[n - 2] == '\n' || n >= 3 && head[n - 2] == '\r' && head[n - 3] == '\n')) {
                return n;
            }
        }
    }

    /** The body of a known length: null when over the limit (then read and dropped). */
    private byte[] readFixed(long length) throws IOException {
        if (length > maxBody) {
            discard(length);
            return null;
        }
        byte[] body = new byte[(int) length];
        int read = in.readNBytes(body, 0, body.length);
        if (read < length) {
            throw new EOFException("body ended after " + read + " of " + length + " bytes");
        }
        return body;
    }

    private void discard(long length) throws IOException {
        long left = length;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("body ended early");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    /** A chunked body: null when over the limit (then read to its end and dropped). */
    private byte[] readChunked() throws IOException, BadRequest {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean tooLarge = false;
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "bad chunk size '" + hex + "'");
            }
            if (size < 0) {
                throw new BadRequest(400, "bad chunk size '" + hex + "'");
            }
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailer fields: none of them matter here
                }
                return tooLarge ? null : body.toByteArray();
            }
            if (tooLarge || body.size() + size > maxBody) {
                tooLarge = true;
                discard(size);
            } else {
                byte[] chunk = in.readNBytes((int) size);
                if (chunk.length < size) {
                    throw new EOFException("chunk ended early");
                }
                body.write(chunk);
            }
            if (!line().isEmpty()) {
                throw new BadRequest(400, "chunk longer than its size");
            }
        }
    }

    private String line() throws IOException, BadRequest {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("closed in the middle of a chunked body");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() == 1024) {
                throw new BadRequest(400, "chunk line over 1024 bytes");
            }
            line.append((char) b);
        }
    }

    private void write(HttpResponse response, boolean keepAlive, boolean headOnly) throws IOException {
        if (response.status() == 204 && keepAlive && response.allow() == null) {
            out.write(NoContent.head()); // POST /hook's answer, thousands a second: made once a second
            out.flush();
            return;
        }
        out.write(head(response, keepAlive, headOnly));
        out.flush();
    }

    /** The common answer's bytes, made again when the second (its Date) changes. */
    private static final class NoContent {
        private static volatile NoContent last = new NoContent("", new byte[0]);
        private final String date;
        private final byte[] bytes;

        private NoContent(String date, byte[] bytes) {
            this.date = date;
            this.bytes = bytes;
        }

        static byte[] head() {
            String date = HttpDate.now();
            NoContent cached = last;
            if (!cached.date.equals(date)) {
                cached = new NoContent(date, ("HTTP/1.1 204 " + HttpResponse.reason(204) + "\r\nDate: " + date
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                last = cached;
            }
            return cached.bytes;
        }
    }

    /** A whole answer's bytes: the head and, unless {@code headOnly}, the body. */
    private static byte[] head(HttpResponse response, boolean keepAlive, boolean headOnly) {
        StringBuilder head = new StringBuilder(128).append("HTTP/1.1 ").append(response.status()).append(' ')
                .append(HttpResponse.reason(response.status())).append("\r\nDate: ").append(HttpDate.now());
        if (response.allow() != null) {
            head.append("\r\nAllow: ").append(response.allow());
        }
        byte[] body = response.body();
        if (body != null) {
            head.append("\r\nContent-Type: ").append(response.contentType()).append("\r\nContent-Length: ")
                    .append(body.length);
        } else if (response.status() != 204) {
            head.append("\r\nContent-Length: 0");
        }
        if (!keepAlive) {
            head.append("\r\nConnection: close");
        }
        head.append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null || headOnly) {
            return headBytes;
        }
        // One write, so that the answer leaves in one segment (the socket has no delay).
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    /** The request line and the headers that matter here. */
    record Head(String method, String path, String query, long contentLength, boolean chunked, boolean keepAlive,
                boolean expectsContinue) {

        static Head parse(byte[] bytes, int length) throws BadRequest {
            String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            int end = text.indexOf('\n');
            String requestLine = text.substring(0, end > 0 && text.charAt(end - 1) == '\r' ? end - 1 : end);
            String[] parts = requestLine.split(" ", -1);
            if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new BadRequest(400, "bad request line");
            }
            for (int i = 0; i < parts[0].length(); i++) {
                char c = parts[0].charAt(i);
                if (c < 'A' || c > 'Z') {
                    throw new BadRequest(400, "bad method");
                }
            }
            boolean http11 = parts[2].equals("HTTP/1.1");
            if (!http11 && !parts[2].equals("HTTP/1.0")) {
                throw new BadRequest(parts[2].startsWith("HTTP/") ? 505 : 400, "HTTP/1.1 or HTTP/1.0 only");
            }
            String path;
            String query;
            if (plainPath(parts[1])) {
                path = parts[1];
                query = null;
            } else {
                URI target = target(parts[1]);
                path = target.getRawPath();
                query = target.getQuery();
            }
            if (path == null || path.isEmpty()) {
                throw new BadRequest(400, "bad request target");
            }
            long contentLength = -1;
            boolean chunked = false;
            String connection = "";
            boolean expectsContinue = false;
            int start = end + 1;
            while (start < length) {
                int lineEnd = text.indexOf('\n', start);
                int stop = lineEnd > start && text.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
                int lineStart = start;
                start = lineEnd + 1;
                if (stop == lineStart) {
                    break;
                }
                int colon = text.indexOf(':', lineStart);
                if (colon < 0 || colon >= stop) {
                    colon = -1;
                }
                if (colon <= lineStart || text.charAt(colon - 1) == ' ' || text.charAt(lineStart) == ' '
                        || text.charAt(lineStart) == '\t') {
                    throw new BadRequest(400, "bad header line");
                }
                // Only the headers used here are cut out of the text (a request has a handful; each cut is garbage).
                String name = known(text, lineStart, colon);
                if (name == null) {
                    continue;
                }
                String value = text.substring(colon + 1, stop).trim();
                switch (name) {
                    case "content-length" -> {
                        long parsed = parseLength(value);
                        if (contentLength >= 0 && contentLength != parsed) {
                            throw new BadRequest(400, "two different Content-Length headers");
                        }
                        contentLength = parsed;
                    }
                    case "transfer-encoding" -> {
                        String last = value.substring(value.lastIndexOf(',') + 1).trim();
                        if (!last.equalsIgnoreCase("chunked")) {
                            throw new BadRequest(501, "transfer coding '" + value + "' not supported");
                        }
                        chunked = true;
                    }
                    case "connection" -> connection = value.toLowerCase(Locale.ROOT);
                    case "expect" -> {
                        if (!value.equalsIgnoreCase("100-continue")) {
                            throw new BadRequest(417, "only Expect: 100-continue is supported");
                        }
                        expectsContinue = http11;
                    }
                    default -> throw new IllegalStateException(name);
                }
            }
            if (chunked && contentLength >= 0) {
                throw new BadRequest(400, "both Content-Length and Transfer-Encoding");
            }
            boolean keepAlive = http11 ? !connection.contains("close") : connection.contains("keep-alive");
            return new Head(parts[0], path, query, Math.max(contentLength, 0), chunked, keepAlive,
                    expectsContinue);
        }

        private static final String[] KNOWN = {"content-length", "transfer-encoding", "connection", "expect"};

        /** The header named in {@code text[from, to)}, in lower case, when it is one used here; else null. */
        private static String known(String text, int from, int to) {
            for (String name : KNOWN) {
                if (to - from == name.length() && text.regionMatches(true, from, name, 0, name.length())) {
                    return name;
                }
            }
            return null;
        }

        /**
         * The path of a request target: plain ones (the agent's own paths) as they are, the others through
         * {@link URI}, which a plain one would give back unchanged.
         */
        private static URI target(String target) throws BadRequest {
            try {
                return new URI(target);
            } catch (URISyntaxException e) {
                throw new BadRequest(400, "bad request target");
            }
        }

        static boolean plainPath(String target) {
            if (target.length() < 1 || target.charAt(0) != '/' || target.startsWith("//")) {
                return false;
            }
            for (int i = 1; i < target.length(); i++) {
                char c = target.charAt(i);
                boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '/' || c == '-' || c == '.' || c == '_' || c == '~';
                if (!plain) {
                    return false;
                }
            }
            return true;
        }

        private static long parseLength(String value) throws BadRequest {
            if (value.isEmpty() || value.length() > 18) {
                throw new BadRequest(400, "bad Content-Length");
            }
            for (int i = 0; i < value.length(); i++) {
                if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                    throw new BadRequest(400, "bad Content-Length");
                }
            }
            return Long.parseLong(value);
        }
    }
}
