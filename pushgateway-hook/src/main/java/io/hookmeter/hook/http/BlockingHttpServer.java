package io.hookmeter.hook.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * A small HTTP/1.1 server with a thread per connection: the connection's thread reads a request, calls the handler
 * and writes the answer, with no hand-over between threads on the way. The JDK's {@code com.sun.net.httpserver}
 * passes each request from its selector thread to a worker and back, several thread switches per request: on two
 * busy cores that alone put 4.6 ms on the p99 of a server that does nothing, against 0.8 ms for this design
 * (scripts/bench-hook, post-hook/noop). Clients here are few and local (Claude Code's hooks, a status line, a
 * scraper), so a thread each is cheap; past {@code maxConnections} a new connection is answered 503 and closed.
 * Idle keep-alive connections close after {@code idleMillis}.
 */
public final class BlockingHttpServer {
    private final ServerSocket socket;
    private final Map<String, HttpHandler> routes;
    private final int maxBody;
    private final int idleMillis;
    private final Semaphore slots;
    private final HttpServerErrors errors;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final RequestActivity activity = new RequestActivity();
    private final Thread acceptor;
    private volatile boolean stopped;

    private BlockingHttpServer(ServerSocket socket, Map<String, HttpHandler> routes, int maxBody, int maxConnections,
                               int idleMillis, HttpServerErrors errors) {
        this.socket = socket;
        this.routes = Map.copyOf(routes);
        this.maxBody = maxBody;
        this.idleMillis = idleMillis;
        this.slots = new Semaphore(maxConnections);
        this.errors = errors;
        this.acceptor = new Thread(this::acceptLoop, "http-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Listens on {@code address} (throws {@link java.net.BindException} when it is taken) and serves {@code routes}
     * (exact paths) until {@link #stop()}.
     */
    public static BlockingHttpServer start(InetSocketAddress address, Map<String, HttpHandler> routes, int maxBody,
                                           int maxConnections, int idleMillis, HttpServerErrors errors)
            throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(address, 64);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        BlockingHttpServer server = new BlockingHttpServer(socket, routes, maxBody, maxConnections, idleMillis,
                errors);
        server.acceptor.start();
        return server;
    }

    /** Its requests, now and a moment ago: work that can wait steps aside for them. */
    public RequestActivity activity() {
        return activity;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Stops listening and closes every connection; requests in flight are cut off. */
    public void stop() {
        stopped = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket connection : open) {
            closeQuietly(connection);
        }
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!stopped) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException e) {
                if (!stopped) {
                    errors.connectionRefused("accept failed: " + e.getMessage());
                    pause();
                }
                continue;
            }
            if (!slots.tryAcquire()) {
                refuse(connection);
                continue;
            }
            Thread thread = new Thread(() -> serve(connection), "http-connection");
            thread.setDaemon(true);
            try {
                thread.start();
            } catch (OutOfMemoryError e) {
                slots.release();
                refuse(connection);
            }
        }
    }

    private void serve(Socket connection) {
        open.add(connection);
        try (connection) {
            connection.setTcpNoDelay(true);
            connection.setSoTimeout(idleMillis);
            new HttpConnection(new BufferedInputStream(connection.getInputStream(), 8192),
                    new BufferedOutputStream(connection.getOutputStream(), 8192), routes, maxBody, activity).serve(errors);
        } catch (SocketException e) {
            // reset by the client, or closed by stop(): nothing to answer
        } catch (IOException e) {
            if (!stopped) {
                errors.connectionRefused("connection dropped: " + e.getMessage());
            }
        } finally {
            open.remove(connection);
            slots.release();
        }
    }

    private void refuse(Socket connection) {
        errors.connectionRefused("more than the allowed open connections; one was refused with 503");
        try (connection) {
            connection.setSoTimeout(1000);
            OutputStream out = connection.getOutputStream();
            out.write(("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 22\r\n"
                    + "Connection: close\r\n\r\ntoo many connections\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException ignored) {
            // the client is gone already
        }
    }

    private static void closeQuietly(Socket connection) {
        try {
            connection.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
