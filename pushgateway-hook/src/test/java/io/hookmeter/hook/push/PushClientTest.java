package io.hookmeter.hook.push;

import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.state.PushStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PUT on the wire (method, path, headers, body, authentication) and how answers are judged. */
class PushClientTest {

    /** Answers one request with {@code answer} and hands back the request's text. */
    private static CompletableFuture<String> serveOnce(ServerSocket server, String answer) {
        CompletableFuture<String> request = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream seen = new ByteArrayOutputStream();
                int length = -1;
                while (true) {
                    int c = in.read();
                    if (c < 0) {
                        break;
                    }
                    seen.write(c);
                    String text = seen.toString(StandardCharsets.ISO_8859_1);
                    if (length < 0 && text.endsWith("\r\n\r\n")) {
                        String header = text.substring(text.indexOf("Content-Length: ") + 16);
                        length = Integer.parseInt(header.substring(0, header.indexOf('\r')));
                        seen.write(in.readNBytes(length));
                        break;
                    }
                }
                socket.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                request.complete(seen.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                request.completeExceptionally(e);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return request;
    }

    @Test
    void putsTheWholeBodyWithBearerToken() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> request = serveOnce(server, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            new PushClient(500, 500, "Bearer s3cret").put("http://127.0.0.1:" + server.getLocalPort()
                    + "/metrics/job/hookmeter", "a_total 1.0\n".getBytes(StandardCharsets.UTF_8),
                    TextExposition.CONTENT_TYPE);
            String text = request.get();
            assertTrue(text.startsWith("PUT /metrics/job/hookmeter HTTP/1.1\r\n"), text);
            assertTrue(text.contains("\r\nAuthorization: Bearer s3cret\r\n"), text);
            assertTrue(text.contains("\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"), text);
            assertTrue(text.endsWith("\r\n\r\na_total 1.0\n"), text);
        }
    }

    @Test
    void aNon2xxAnswerIsAFailureWithItsReason() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            serveOnce(server, "HTTP/1.1 400 Bad Request\r\nContent-Length: 14\r\n\r\ninconsistent\r\n");
            IOException e = assertThrows(IOException.class, () -> new PushClient(500, 500, null)
                    .put("http://127.0.0.1:" + server.getLocalPort() + "/x", new byte[0], "text/plain"));
            assertTrue(e.getMessage().contains("400") && e.getMessage().contains("inconsistent"), e.getMessage());
        }
        assertThrows(IOException.class, () -> new PushClient(100, 100, null).put("ftp://x/y", new byte[0], "t"));
    }

    @Test
    void anAnswerFollowedByAResetIsReportedByItsStatus() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // As the real Pushgateway's basic auth does with a body over 4 KiB: answer after reading the head and
            // a little of the body (so the client has sent it all), then the unread rest makes the close a reset.
            Thread refuser = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    StringBuilder head = new StringBuilder();
                    for (int c; !head.toString().endsWith("\r\n\r\n") && (c = in.read()) >= 0; ) {
                        head.append((char) c);
                    }
                    in.readNBytes(1024);
                    socket.getOutputStream().write("HTTP/1.1 401 Unauthorized\r\nContent-Length: 12\r\n\r\nUnauthorized"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    socket.setSoLinger(true, 0);
                } catch (IOException ignored) {
                    // The client reports what it saw.
                }
            });
            refuser.setDaemon(true);
            refuser.start();
            IOException e = assertThrows(IOException.class, () -> new PushClient(500, 2000, "Basic eDp5")
                    .put("http://127.0.0.1:" + server.getLocalPort() + "/x", new byte[8 * 1024], "text/plain"));
            assertTrue(e.getMessage().contains("401 Unauthorized"), e.getMessage());
        }
    }

    @Test
    void basicAuthAndTokenFilesComeFromTheConfig(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("password"), "pa:ss\nignored second line\n");
        Files.writeString(home.resolve("config.properties"), "push.username=hook\npush.password_file="
                + home.resolve("password").toString().replace("\\", "\\\\") + "\n");
        HookConfig basic = HookConfig.load(Map.of("HOOKMETER_HOME", home.toString()));
        assertEquals("Basic " + Base64.getEncoder().encodeToString("hook:pa:ss".getBytes(StandardCharsets.UTF_8)),
                basic.authorization());
        Files.writeString(home.resolve("config.properties"), "push.bearer_token=t0ken\npush.username=ignored\n");
        assertEquals("Bearer t0ken", HookConfig.load(Map.of("HOOKMETER_HOME", home.toString())).authorization());
    }

    @Test
    void groupingKeyUsesBase64ForAwkwardValues() {
        assertEquals("/metrics/job/hookmeter/instance/host-1.example/user/alice",
                GroupingKey.path("host-1.example", "alice"));
        assertEquals("/metrics/job/hookmeter/instance@base64/YS9i/user@base64/=", GroupingKey.path("a/b", ""));
        String path = GroupingKey.path("h", "Jörg K");
        assertTrue(path.startsWith("/metrics/job/hookmeter/instance/h/user@base64/"), path);
        assertEquals("Jörg K", new String(Base64.getUrlDecoder().decode(path.substring(path.lastIndexOf('/') + 1)),
                StandardCharsets.UTF_8));
    }

    @Test
    void theBreakerOpensAfterThreeFailuresAndLetsOneTrialThroughLater() {
        PushStatus status = new PushStatus();
        for (int i = 0; i < 2; i++) {
            CircuitBreaker.recordFailure(status, 1000, "refused", 15_000);
            assertTrue(CircuitBreaker.allows(status, 1001), "still closed after " + (i + 1));
        }
        CircuitBreaker.recordFailure(status, 1000, "refused", 15_000);
        assertFalse(CircuitBreaker.allows(status, 15_999));
        assertTrue(CircuitBreaker.allows(status, 16_000), "one trial after the pause");
        CircuitBreaker.recordFailure(status, 16_000, "refused", 15_000);
        assertFalse(CircuitBreaker.allows(status, 16_001), "the failed trial opens it again");
        CircuitBreaker.recordSuccess(status, 40_000);
        assertTrue(CircuitBreaker.allows(status, 40_001));
        assertEquals(0, status.consecutiveFailures());
    }
}
