package io.hookmeter.hook.alerts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A loopback server that accepts connections and never answers: a hanging Alertmanager. */
public final class HangingServer implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    public HangingServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(server.accept()); // kept open, never read or answered
                }
            } catch (IOException closed) {
                // closed at the end of the test
            }
        }, "hanging-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Waits (for the acceptor thread, which may run late on a busy machine) until this many connections came. */
    public void awaitConnections(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (held.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, held.size());
    }

    public int connections() {
        return held.size();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : held) {
            socket.close();
        }
    }
}
