import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A yardstick for scripts/bench-hook, not part of the product: the least a JVM hook can do and still do the job's
 * real steps (read the event, update a locked state file with fsync and rename, PUT a histogram to the
 * Pushgateway), with no JSON library, one series and a comma-separated state. Its time on a machine is the floor
 * under any Java hook there, so it tells whether a start-up goal is reachable on that machine at all.
 *
 * usage: java MinimalHook HOME PUSHGATEWAY_PORT  (event on stdin)
 */
public final class MinimalHook {
    private static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

    public static void main(String[] args) throws Exception {
        String event = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        String tool = event.contains("\"tool_name\":\"Bash\"") ? "Bash" : "other";
        Path home = Files.createDirectories(Path.of(args[0]));
        try (FileChannel lockFile = FileChannel.open(home.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            long[] counts = read(home.resolve("state"));
            for (int i = 0; i < counts.length; i++) {
                counts[i]++;  // every bucket and the count: one fast observation
            }
            write(home, counts);
            push(Integer.parseInt(args[1]), exposition(tool, counts));
        }
        Runtime.getRuntime().halt(0);
    }

    private static long[] read(Path state) throws Exception {
        long[] counts = new long[BOUNDS.length + 1];
        if (Files.exists(state)) {
            String[] parts = Files.readString(state).trim().split(",");
            for (int i = 0; i < parts.length && i < counts.length; i++) {
                counts[i] = Long.parseLong(parts[i]);
            }
        }
        return counts;
    }

    private static void write(Path home, long[] counts) throws Exception {
        StringBuilder text = new StringBuilder();
        for (long count : counts) {
            text.append(count).append(',');
        }
        Path temp = home.resolve("state.tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII)));
            out.force(true);
        }
        Files.move(temp, home.resolve("state"), StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] exposition(String tool, long[] counts) {
        StringBuilder body = new StringBuilder("# TYPE minimal_tool_duration_seconds histogram\n");
        for (int i = 0; i < BOUNDS.length; i++) {
            body.append("minimal_tool_duration_seconds_bucket{tool=\"").append(tool).append("\",le=\"")
                    .append(BOUNDS[i]).append("\"} ").append(counts[i]).append('\n');
        }
        body.append("minimal_tool_duration_seconds_bucket{tool=\"").append(tool).append("\",le=\"+Inf\"} ")
                .append(counts[BOUNDS.length]).append('\n');
        body.append("minimal_tool_duration_seconds_count{tool=\"").append(tool).append("\"} ")
                .append(counts[BOUNDS.length]).append('\n');
        body.append("minimal_tool_duration_seconds_sum{tool=\"").append(tool).append("\"} 0\n");
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void push(int port, byte[] body) throws Exception {
        try (Socket socket = new Socket(Proxy.NO_PROXY)) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            socket.setSoTimeout(800);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /metrics/job/bench-minimal HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: text/plain; version=0.0.4\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            byte[] status = socket.getInputStream().readNBytes(12);
            if (status.length < 12 || status[9] != '2') {
                System.err.println("minimal hook: push failed");
            }
        }
    }
}
