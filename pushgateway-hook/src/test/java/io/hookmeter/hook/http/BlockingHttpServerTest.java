package io.hookmeter.hook.http;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written server against the library it replaces: the same raw requests to it and to the JDK's
 * {@code com.sun.net.httpserver} serving the same handler give the same answers (status, type, body, the
 * connection kept or closed), byte for byte in the body; then what only this server promises.
 */
class BlockingHttpServerTest {
    private static final int MAX_BODY = 64;
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private BlockingHttpServer ours;
    private HttpServer jdk;

    /** What both servers serve: the request as the handler saw it, or 204 for /hook. */
    private static HttpResponse handle(HttpRequest request) {
        if (request.path().equals("/hook")) {
            return HttpResponse.NO_CONTENT;
        }
        if (request.path().equals("/fail")) {
            throw new IllegalStateException("boom");
        }
        return HttpResponse.text(200, "text/plain; charset=utf-8", request.method() + " " + request.path() + " "
                + request.query() + " [" + new String(request.body(), StandardCharsets.UTF_8) + "]\n");
    }

    @BeforeEach
    void start() throws IOException {
        HttpHandler handler = BlockingHttpServerTest::handle;
        ours = BlockingHttpServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Map.of("/echo", handler, "/hook", handler, "/fail", handler), MAX_BODY, 3, 2000,
                new HttpServerErrors() {
                    @Override
                    public void handlerFailed(String path, Exception e) {
                        errors.add(path + ": " + e.getMessage());
                    }

                    @Override
                    public void connectionRefused(String why) {
                        errors.add(why);
                    }
                });
        jdk = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        for (String path : List.of("/echo", "/hook")) {
            jdk.createContext(path, exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                HttpResponse answer = handle(new HttpRequest(exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getQuery(), body));
                if (answer.body() == null) {
                    exchange.sendResponseHeaders(answer.status(), -1);
                } else {
                    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
                    exchange.sendResponseHeaders(answer.status(), answer.body().length);
                    exchange.getResponseBody().write(answer.body());
                }
                exchange.close();
            });
        }
        jdk.start();
    }

    @AfterEach
    void stop() {
        ours.stop();
        jdk.stop(0);
    }

    /** One answer as read off the wire (whether the connection stays open shows in how many answers come). */
    record Answer(int status, String type, String body) {
    }

    @Test
    void answersLikeTheJdkServer() throws IOException {
        List<String> requests = List.of(
                "POST /hook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
                "POST /echo?a=%20b&c HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
                "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
                "POST /echo HTTP/1.1\r\nhost: x\r\ncontent-length: 3\r\nconnection: close\r\n\r\nxyz",
                "GET /echo HTTP/1.1\r\nHost: x\r\n\r\n",
                "POST /echo HTTP/1.0\r\nContent-Length: 1\r\n\r\nz",
                "POST /echo HTTP/1.1\r\nCoNtEnT-LeNgTh:   3  \r\nX-Other: a:b\r\n\r\nabc",
                "POST /echo?q=%2Fx HTTP/1.1\r\nContent-Length: 1\r\n\r\nq",
                "POST /hook HTTP/1.1\r\nContent-Length: 0\r\nConnection: Close\r\n\r\n");
        for (String request : requests) {
            List<Answer> expected = exchange(jdk.getAddress(), request + request);
            List<Answer> actual = exchange(ours.address(), request + request);
            assertEquals(expected, actual, request);
        }
        assertEquals(List.of(), errors);
    }

    /** Trailer fields after a chunked body (allowed by RFC 9112 7.1.2; the JDK's server drops the connection). */
    @Test
    void plainTargetsSkipTheUriParserAndOthersDoNot() {
        for (String plain : List.of("/hook", "/-/healthy", "/a/b.c_d~e")) {
            assertTrue(HttpConnection.Head.plainPath(plain), plain);
        }
        for (String other : List.of("", "*", "hook", "//host/hook", "/a%20b", "/a?b", "/a b", "/a;b")) {
            assertFalse(HttpConnection.Head.plainPath(other), other);
        }
    }

    @Test
    void chunkedTrailersAreReadAndIgnored() throws IOException {
        List<Answer> answers = exchange(ours.address(), "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "2\r\nab\r\n0\r\nX-Sum: 1\r\n\r\nPOST /hook HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        assertEquals(List.of(new Answer(200, "text/plain; charset=utf-8", "POST /echo null [ab]\n"),
                new Answer(204, null, "")), answers);
    }

    /** Lines ended by a bare LF (RFC 9112 2.2 lets a server take them; the JDK's server does not answer). */
    @Test
    void bareLineFeedsAreTaken() throws IOException {
        assertEquals(List.of(new Answer(204, null, ""), new Answer(200, "text/plain; charset=utf-8",
                        "POST /echo null [ab]\n")),
                exchange(ours.address(), "POST /hook HTTP/1.1\nContent-Length: 0\n\nPOST /echo HTTP/1.1\n"
                        + "Content-Length: 2\n\nab"));
    }

    @Test
    void expectContinueGetsItsInterimAnswer() throws IOException {
        try (Socket socket = connect(ours.address())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            assertEquals("HTTP/1.1 100 Continue", readLine(in));
            assertEquals("", readLine(in));
            out.write("ok".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertEquals(new Answer(200, "text/plain; charset=utf-8", "POST /echo null [ok]\n"), read(in));
        }
    }

    @Test
    void aBodyOverTheLimitIsReadToItsEndAndAnsweredAsTooLarge() throws IOException {
        String big = "x".repeat(MAX_BODY + 1);
        List<Answer> answers = exchange(ours.address(), "POST /echo HTTP/1.1\r\nContent-Length: " + big.length()
                + "\r\n\r\n" + big + "POST /hook HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        assertEquals(2, answers.size(), answers.toString());
        assertEquals(500, answers.get(0).status(), "the handler got a null body: " + answers);
        assertEquals(204, answers.get(1).status(), "the connection goes on after it");
        String chunkedBig = Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n";
        assertEquals(500, exchange(ours.address(), "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunkedBig).get(0).status());
    }

    @Test
    void unreadableRequestsGetAClearAnswerAndTheConnectionCloses() throws IOException {
        Map<String, Integer> cases = Map.of(
                "BROKEN\r\n\r\n", 400,
                "POST /echo HTTP/2.0\r\n\r\n", 505,
                "POST /echo HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400,
                "POST /echo HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400,
                "POST /echo HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 501,
                "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400,
                "POST /echo HTTP/1.1\r\nExpect: something\r\n\r\n", 417,
                "GET /nowhere HTTP/1.1\r\n\r\n", 404,
                "GET /echo HTTP/1.1\r\nX: " + "y".repeat(HttpConnection.MAX_HEAD) + "\r\n\r\n", 431);
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            List<Answer> answers = exchange(ours.address(), c.getKey());
            assertEquals(c.getValue(), answers.get(0).status(), c.getKey());
        }
    }

    @Test
    void aFailingHandlerIsA500AndTheServerGoesOn() throws IOException {
        List<Answer> answers = exchange(ours.address(), "GET /fail HTTP/1.1\r\n\r\nGET /echo HTTP/1.1\r\n\r\n");
        assertEquals(500, answers.get(0).status());
        assertEquals(200, answers.get(1).status());
        assertEquals(List.of("/fail: boom"), errors);
    }

    @Test
    void pastItsConnectionsANewOneIsRefusedWith503() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket socket = connect(ours.address());
                held.add(socket);
                socket.getOutputStream().write("GET /echo HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                assertEquals(200, read(socket.getInputStream()).status()); // served: its thread holds a slot
            }
            assertEquals(503, exchange(ours.address(), "GET /echo HTTP/1.1\r\n\r\n").get(0).status());
            assertTrue(errors.stream().anyMatch(e -> e.contains("refused with 503")), errors.toString());
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        Thread.sleep(200);
        assertEquals(200, exchange(ours.address(), "GET /echo HTTP/1.1\r\n\r\n").get(0).status(),
                "closed connections give their slots back");
    }

    @Test
    void headAnswersWithoutTheBody() throws IOException {
        try (Socket socket = connect(ours.address())) {
            socket.getOutputStream().write("HEAD /echo HTTP/1.1\r\n\r\nGET /echo HTTP/1.1\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            List<String> head = new ArrayList<>();
            for (String line; !(line = readLine(in)).isEmpty(); ) {
                head.add(line);
            }
            assertTrue(head.contains("Content-Length: 18"), head.toString());
            assertEquals(new Answer(200, "text/plain; charset=utf-8", "GET /echo null []\n"), read(in));
        }
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(5000);
        return socket;
    }

    /** Sends {@code requests} (one or more, back to back) and reads answers until the server closes or goes quiet. */
    private static List<Answer> exchange(InetSocketAddress address, String requests) throws IOException {
        List<Answer> answers = new ArrayList<>();
        try (Socket socket = connect(address)) {
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.setSoTimeout(500);
            InputStream in = socket.getInputStream();
            while (true) {
                Answer answer;
                try {
                    answer = read(in);
                } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
                    break;
                }
                if (answer == null) {
                    break;
                }
                answers.add(answer);
            }
        }
        return answers;
    }

    /** One answer, or null at the end of the stream. */
    private static Answer read(InputStream in) throws IOException {
        String status = readLine(in);
        if (status == null) {
            return null;
        }
        int length = 0;
        String type = null;
        for (String line; !(line = readLine(in)).isEmpty(); ) {
            String name = line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT);
            String value = line.substring(line.indexOf(':') + 1).trim();
            switch (name) {
                case "content-length" -> length = Integer.parseInt(value);
                case "content-type" -> type = value;
                default -> {
                }
            }
        }
        byte[] body = in.readNBytes(length);
        return new Answer(Integer.parseInt(status.split(" ")[1]), type, new String(body, StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
    }
}
