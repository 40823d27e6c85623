package io.hookmeter.alertsink;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sink's settings: flags win over {@code HOOKMETER_ALERT_SINK_*} environment variables, which win over defaults.
 *
 * @param listen    where the HTTP server listens ({@code --web.listen-address}, default {@code :9095})
 * @param logFile   the JSON-lines notification log ({@code --log.file})
 * @param maxBytes  rotate the log before it grows past this ({@code --log.max-bytes})
 * @param maxFiles  rotated files kept besides the current one ({@code --log.max-files})
 * @param stateFile the current firing set, rewritten on each change ({@code --state.file})
 */
public record SinkOptions(InetSocketAddress listen, Path logFile, long maxBytes, int maxFiles, Path stateFile) {
    static final String USAGE = """
            Usage: hookmeter-alert-sink [options]
              --web.listen-address=HOST:PORT  listen address (default :9095)       env HOOKMETER_ALERT_SINK_LISTEN_ADDRESS
              --log.file=PATH                 JSON-lines notification log          env HOOKMETER_ALERT_SINK_LOG_FILE
                                              (default $HOOKMETER_HOME/alerts.jsonl, HOOKMETER_HOME defaulting to ~/.hookmeter)
              --log.max-bytes=SIZE            rotate at this size (default 10MiB)  env HOOKMETER_ALERT_SINK_LOG_MAX_BYTES
              --log.max-files=N               rotated files kept (default 5)       env HOOKMETER_ALERT_SINK_LOG_MAX_FILES
              --state.file=PATH               current firing set as JSON           env HOOKMETER_ALERT_SINK_STATE_FILE
                                              (default alerts-firing.json next to the log)
              --help                          this text
            Endpoints: POST /alerts and POST /watchdog (Alertmanager webhooks), GET /alerts (firing set),
            GET /metrics, GET /-/healthy, GET /-/ready.
            """;

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kib|kb|k|mib|mb|m|gib|gb|g)?");
    private static final Pattern LISTEN = Pattern.compile("(?:\\[([^]]+)]|([^:\\[\\]]*)):(\\d{1,5})");

    /** A flag or variable with a bad value: the message names it and is fit for one line on stderr. */
    public static final class OptionException extends Exception {
        private static final long serialVersionUID = 1L;

        OptionException(String message) {
            super(message);
        }
    }

    public static SinkOptions parse(List<String> args, Map<String, String> env) throws OptionException {
        String listen = env.getOrDefault("HOOKMETER_ALERT_SINK_LISTEN_ADDRESS", ":9095");
        String logFile = env.get("HOOKMETER_ALERT_SINK_LOG_FILE");
        String maxBytes = env.getOrDefault("HOOKMETER_ALERT_SINK_LOG_MAX_BYTES", "10MiB");
        String maxFiles = env.getOrDefault("HOOKMETER_ALERT_SINK_LOG_MAX_FILES", "5");
        String stateFile = env.get("HOOKMETER_ALERT_SINK_STATE_FILE");
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new OptionException("missing value for " + name);
            }
            switch (name) {
                case "--web.listen-address" -> listen = value;
                case "--log.file" -> logFile = value;
                case "--log.max-bytes" -> maxBytes = value;
                case "--log.max-files" -> maxFiles = value;
                case "--state.file" -> stateFile = value;
                default -> throw new OptionException("unknown option " + name + " (see --help)");
            }
        }
        Path log = logFile != null && !logFile.isBlank() ? Path.of(logFile) : defaultHome(env).resolve("alerts.jsonl");
        Path state = stateFile != null && !stateFile.isBlank() ? Path.of(stateFile)
                : log.toAbsolutePath().resolveSibling("alerts-firing.json");
        return new SinkOptions(listenAddress(listen), log, size("log.max-bytes", maxBytes),
                count("log.max-files", maxFiles), state);
    }

    private static Path defaultHome(Map<String, String> env) {
        String home = env.get("HOOKMETER_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        // $HOME first, as the hookmeter command does (the JVM's user.home ignores it).
        String user = env.get("HOME");
        return (user != null && !user.isBlank() ? Path.of(user) : Path.of(System.getProperty("user.home")))
                .resolve(".hookmeter");
    }

    static InetSocketAddress listenAddress(String value) throws OptionException {
        Matcher m = LISTEN.matcher(value.trim());
        if (!m.matches()) {
            throw new OptionException("web.listen-address: expected HOST:PORT or :PORT, got '" + value + "'");
        }
        int port = Integer.parseInt(m.group(3));
        if (port > 65535) {
            throw new OptionException("web.listen-address: port " + port + " is out of range");
        }
        String host = m.group(1) != null ? m.group(1) : m.group(2);
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    static long size(String name, String value) throws OptionException {
        Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new OptionException(name + ": expected a size like 10485760 or 10MiB, got '" + value + "'");
        }
        long unit = switch (m.group(2) == null ? "b" : m.group(2)) {
            case "k", "kb", "kib" -> 1024L;
            case "m", "mb", "mib" -> 1024L * 1024;
            case "g", "gb", "gib" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        long bytes = Long.parseLong(m.group(1)) * unit;
        if (bytes < 1024) {
            throw new OptionException(name + ": at least 1KiB, got '" + value + "'");
        }
        return bytes;
    }

    static int count(String name, String value) throws OptionException {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= 100) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new OptionException(name + ": expected a whole number from 1 to 100, got '" + value + "'");
    }
}
