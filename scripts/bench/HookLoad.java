import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bench-hook's load for the agent's POST /hook: first WARMUP requests, reported on their own as "cold" (the server's
 * JIT at work), then EVENTS requests, on CONNECTIONS keep-alive connections (one thread each), every answer checked
 * (204, no body): each connection as fast as its answers come, or all together at RATE requests a second. Prints
 * the round trip's p50/p99/max and the rate. With ROUNDS, EVENTS are sent that many times, each round 1.5 s after
 * the one before (and after the warm-up), and the round with the median p99 is printed beside every round's p99: one
 * round's p99 on a shared 2-core machine varies by a factor of 2 from run to run.
 *
 * The client is a plain socket writing one prepared HTTP/1.1 request and reading the answer's head: a light client,
 * like Claude Code's, so that the figure is the server's. (The JDK's HttpClient alone put 10 ms on the p99 of a
 * server that does nothing.)
 * usage: java HookLoad.java URL EVENTS CONNECTIONS [WARMUP [RATE [ROUNDS]]]   (RATE 0: as fast as answers come)
 */
public class HookLoad {
    static final long SETTLE_MILLIS = 1500;
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int events = Integer.parseInt(args[1]);
        int connections = Integer.parseInt(args[2]);
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        double rate = args.length > 4 ? Double.parseDouble(args[4]) : 0;
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        String body = "{\"session_id\":\"bench\",\"transcript_path\":\"/tmp/none.jsonl\",\"cwd\":\"/tmp\","
                + "\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"git status\"},"
                + "\"tool_response\":{\"stdout\":\"ok\",\"stderr\":\"\",\"interrupted\":false},"
                + "\"tool_use_id\":\"toolu_1\",\"duration_ms\":12}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] request = ("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getAuthority()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
        if (warmup > 0) {
            run(uri, request, warmup, connections, 0, "post-hook/cold").print("");
        }
        // Each round measured on a warm server at rest: what the round before handed it (applying, compiling) is done
        // first, so that the rounds are alike; the round with the median p99 is printed, and every round's p99.
        List<Result> results = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            if (warmup > 0 || r > 0) {
                Thread.sleep(SETTLE_MILLIS);
            }
            results.add(run(uri, request, events, connections, rate, rate > 0 ? "post-hook/paced" : "post-hook"));
        }
        List<Result> byP99 = new ArrayList<>(results);
        byP99.sort(Comparator.comparingDouble(Result::p99));
        StringBuilder all = new StringBuilder();
        for (Result result : results) {
            all.append(all.length() == 0 ? "" : ",").append(String.format("%.2f", result.p99()));
        }
        byP99.get((rounds - 1) / 2).print(rounds > 1 ? " rounds=" + rounds + " p99s=" + all : "");
    }

    record Result(String name, int events, int connections, double p50, double p99, double max, double rate) {
        void print(String suffix) {
            System.out.printf("%-15s events=%d connections=%d p50=%.2f ms p99=%.2f ms max=%.2f ms rate=%.0f/s%s%n",
                    name, events, connections, p50, p99, max, rate, suffix);
        }
    }

    /**
     * {@code rate} > 0: the connections together send that many requests a second, each on its own schedule (a
     * request due while the previous answer is late goes as soon as it comes); 0: each sends as soon as its answer
     * is in.
     */
    private static Result run(URI uri, byte[] request, int events, int connections, double rate, String name)
            throws Exception {
        long interval = rate > 0 ? (long) (connections * 1e9 / rate) : 0;
        long[] nanos = new long[events];
        AtomicInteger next = new AtomicInteger();
        Thread[] threads = new Thread[connections];
        Exception[] failure = new Exception[1];
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            threads[c] = new Thread(() -> {
                try (Socket socket = new Socket()) {
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
                    socket.setSoTimeout(10_000);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = socket.getInputStream();
                    byte[] buffer = new byte[4096];
                    long due = System.nanoTime() + (long) (Math.random() * interval);
                    for (int i; (i = next.getAndIncrement()) < events; ) {
                        if (interval > 0) {
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                            due += interval;
                        }
                        long t0 = System.nanoTime();
                        out.write(request);
                        out.flush();
                        String head = readHead(in, buffer);
                        nanos[i] = System.nanoTime() - t0;
                        if (!head.startsWith("HTTP/1.1 204 ") || head.toLowerCase().contains("content-length: ")
                                && !head.toLowerCase().contains("content-length: 0")) {
                            throw new IllegalStateException("answer: " + head);
                        }
                    }
                } catch (Exception e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            });
            threads[c].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        return new Result(name, events, connections, nanos[events / 2] / 1e6,
                nanos[(int) Math.ceil(events * 0.99) - 1] / 1e6, nanos[events - 1] / 1e6, events / seconds);
    }

    /** The answer's head, up to its blank line (a 204 has no body). */
    private static String readHead(InputStream in, byte[] buffer) throws IOException {
        int n = 0;
        while (true) {
            int read = in.read(buffer, n, buffer.length - n);
            if (read < 0) {
                throw new IOException("connection closed after " + n + " bytes");
            }
            n += read;
            if (n >= 4 && buffer[n - 4] == '\r' && buffer[n - 3] == '\n' && buffer[n - 2] == '\r'
                    && buffer[n - 1] == '\n') {
                return new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (n == buffer.length) {
                throw new IOException("answer head longer than " + n + " bytes");
            }
        }
    }
}
