package io.hookmeter.hook.warmup;

import io.hookmeter.hook.cli.Command;
import io.hookmeter.hook.cli.Context;
import io.hookmeter.hook.push.StateUpdate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code hookmeter warmup}: a training run for the JVM's start-up caches. The launcher runs it with
 * {@code -XX:AOTCacheOutput} (JDK 25+) or {@code -XX:ArchiveClassesAtExit} (JDK 17-24): it spools typical hook
 * events and applies them through the real code path, against a scratch home and a throw-away local HTTP endpoint, so every class the hot
 * path needs is in the cache. It must end through {@code System.exit} (the caches are written at JVM exit).
 */
public final class WarmupCommand implements Command {
    private static final String[] EVENTS = {
        "{\"session_id\":\"w\",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_use_id\":\"w1\","
            + "\"tool_input\":{\"command\":\"git status\"}}",
        "{\"session_id\":\"w\",\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Bash\",\"tool_use_id\":\"w1\","
            + "\"tool_input\":{\"command\":\"git status\"},\"tool_response\":{\"stdout\":\"ok\"},\"duration_ms\":12}",
        "{\"session_id\":\"w\",\"hook_event_name\":\"PostToolUseFailure\",\"tool_name\":\"Bash\","
            + "\"tool_use_id\":\"w2\",\"error\":\"Exit code 1\",\"duration_ms\":3}",
        "{\"session_id\":\"w\",\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Read\",\"tool_use_id\":\"w3\"}",
        "{\"session_id\":\"w\",\"hook_event_name\":\"Stop\",\"stop_hook_active\":false}",
        "not json",
    };

    @Override
    public int run(List<String> args, Context context) {
        Path home = null;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            home = Files.createTempDirectory("hookmeter-warmup-");
            Thread endpoint = new Thread(() -> answerOk(server), "warmup-endpoint");
            endpoint.setDaemon(true);
            endpoint.start();
            Map<String, String> env = Map.of("HOOKMETER_HOME", home.toString(),
                    "HOOKMETER_PUSHGATEWAY_URL", "http://127.0.0.1:" + server.getLocalPort(),
                    "HOOKMETER_ALERTMANAGER_URL", "http://127.0.0.1:" + server.getLocalPort(),
                    "HOOKMETER_INSTANCE", "warmup");
            // The JVM's hot paths now: exec, record and push applying the spool, and the status line without an agent.
            io.hookmeter.hook.spool.Spool spool = io.hookmeter.hook.spool.Spool.in(home);
            for (int round = 0; round < 3; round++) {
                for (String event : EVENTS) {
                    spool.write(io.hookmeter.hook.spool.SpoolName.HOOK, event.getBytes(StandardCharsets.UTF_8));
                }
            }
            spool.write(io.hookmeter.hook.spool.SpoolName.HOOK, io.hookmeter.hook.tokens.TokenListener
                    .warmupEvent(home).getBytes(StandardCharsets.UTF_8));
            io.hookmeter.hook.config.HookConfig config = io.hookmeter.hook.config.HookConfig.load(env);
            new io.hookmeter.hook.spool.SpoolDrain(config, message -> { }).drainAll(StateUpdate.PushMode.NORMAL,
                    StateUpdate.pushBudget(config));
            io.hookmeter.hook.statusline.StatusLineCommand.warmup(home, env);
            return 0;
        } catch (IOException e) {
            context.err().println("hookmeter: warmup failed: " + e.getMessage());
            return 1;
        } finally {
            delete(home);
        }
    }

    /** Reads each request up to its end and answers 200, like the Pushgateway. */
    private static void answerOk(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                String head = readHead(in);
                int length = 0;
                for (String line : head.split("\r\n")) {
                    if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                in.readNBytes(length);
                OutputStream out = socket.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException | RuntimeException e) {
                // Closed at the end of the warmup, or a client gave up: nothing to do.
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
                break;
            }
        }
        return head.toString();
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A scratch directory left in /tmp is harmless.
        }
    }
}
