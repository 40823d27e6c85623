import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bench-hook's load for the agent's POST /hook: EVENTS requests on CONNECTIONS keep-alive connections (one thread
 * each), every answer checked (204, empty body). Prints the round trip's p50/p99/max and the rate.
 * usage: java HookLoad.java URL EVENTS CONNECTIONS
 */
public class HookLoad {
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int events = Integer.parseInt(args[1]);
        int connections = Integer.parseInt(args[2]);
        String body = "{\"session_id\":\"bench\",\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Bash\","
                + "\"tool_input\":{\"command\":\"git status\"},\"tool_response\":{\"stdout\":\"ok\"},"
                + "\"tool_use_id\":\"toolu_1\",\"duration_ms\":12}";
        long[] nanos = new long[events];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        Future<?>[] workers = new Future<?>[connections];
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            workers[c] = pool.submit(() -> {
                // A client per worker: one keep-alive connection each, as Claude Code holds for its http hooks.
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                for (int i; (i = next.getAndIncrement()) < events; ) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    nanos[i] = System.nanoTime() - t0;
                    if (response.statusCode() != 204 || !response.body().isEmpty()) {
                        throw new IllegalStateException("answer " + response.statusCode() + ": " + response.body());
                    }
                }
                return null;
            });
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(nanos);
        System.out.printf("post-hook      events=%d connections=%d p50=%.2f ms p99=%.2f ms max=%.2f ms rate=%.0f/s%n",
                events, connections, nanos[events / 2] / 1e6, nanos[(int) Math.ceil(events * 0.99) - 1] / 1e6,
                nanos[events - 1] / 1e6, events / seconds);
    }
}
