package io.hookmeter.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The real servers of one test (or one test class), each on a free loopback port in its own temporary directory.
 * Closing it stops every server it started. Use it through {@link RealServers}, or directly with try-with-resources.
 */
public final class Servers implements AutoCloseable {
    /** How long a server may take to become ready; generous, because CI has 2 busy cores. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path root;
    private final List<ManagedProcess> started = new CopyOnWriteArrayList<>();

    public Servers() {
        try {
            this.root = Files.createTempDirectory("hookmeter-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh scratch directory under this instance's temporary root. */
    public Path directory(String name) {
        try {
            return Files.createDirectories(Files.createTempDirectory(root, name + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The real Pushgateway; extra flags (for example {@code --persistence.file=...}) are appended. Without a
     * {@code --persistence.file} flag it keeps metrics in memory only: Debian's build otherwise defaults to the
     * machine-wide /var/lib/prometheus/pushgateway.data, which every test Pushgateway would share.
     */
    public ManagedProcess pushgateway(String... extraArgs) {
        int port = FreePorts.next();
        List<String> cmd = new ArrayList<>(List.of(Binaries.require(Binaries.PUSHGATEWAY).toString(),
                "--web.listen-address=127.0.0.1:" + port));
        cmd.addAll(pushgatewayFlags(extraArgs));
        return start("pushgateway", cmd, port, "/-/ready", Map.of());
    }

    /**
     * The real Pushgateway behind basic authentication: {@code --web.config.file} admits only {@code auth}'s user,
     * on every path ({@code /-/ready} and {@code /metrics} included), so readiness is awaited with its credentials.
     * Read it with {@code Http.getOk(url, auth.headers())}.
     */
    public ManagedProcess pushgatewayWithBasicAuth(BasicAuth auth, String... extraArgs) {
        int port = FreePorts.next();
        Path dir = directory("pushgateway");
        Path webConfig = write(dir.resolve("web-config.yml"), auth.webConfig());
        List<String> cmd = new ArrayList<>(List.of(Binaries.require(Binaries.PUSHGATEWAY).toString(),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.config.file=" + webConfig.toAbsolutePath()));
        cmd.addAll(pushgatewayFlags(extraArgs));
        return start("pushgateway", cmd, dir, port, "/-/ready", Map.of(), auth.headers());
    }

    /** The real Pushgateway again on a port it had before, as after a restart. */
    public ManagedProcess pushgatewayOnPort(int port, String... extraArgs) {
        List<String> cmd = new ArrayList<>(List.of(Binaries.require(Binaries.PUSHGATEWAY).toString(),
                "--web.listen-address=127.0.0.1:" + port));
        cmd.addAll(pushgatewayFlags(extraArgs));
        return start("pushgateway", cmd, port, "/-/ready", Map.of());
    }

    private static List<String> pushgatewayFlags(String... extraArgs) {
        List<String> flags = new ArrayList<>(Arrays.asList(extraArgs));
        if (flags.stream().noneMatch(flag -> flag.startsWith("--persistence.file"))) {
            flags.add("--persistence.file=");
        }
        return flags;
    }

    /** The real Prometheus with the given configuration text, written to {@code prometheus.yml} in its directory. */
    public ManagedProcess prometheus(String configYaml, String... extraArgs) {
        Path dir = directory("prometheus");
        return prometheus(write(dir.resolve("prometheus.yml"), configYaml), dir, extraArgs);
    }

    /** The real Prometheus with a configuration file (relative rule_files resolve against its directory). */
    public ManagedProcess prometheus(Path configFile, String... extraArgs) {
        return prometheus(configFile, directory("prometheus"), extraArgs);
    }

    /** The real Prometheus on a port taken beforehand ({@link FreePorts#next()}), for a configuration that names it. */
    public ManagedProcess prometheus(int port, Path configFile, String... extraArgs) {
        return prometheus("prometheus", port, configFile, directory("prometheus"), extraArgs);
    }

    /**
     * The real Prometheus again on the port and data directory of one that was stopped, as after a restart; its log
     * is {@code prometheus-again-PORT.log} beside the first one's.
     */
    public ManagedProcess prometheusAgain(ManagedProcess stopped, Path configFile, String... extraArgs) {
        return prometheusAgain(stopped, stopped.port(), configFile, extraArgs);
    }

    /** The same on another port: its data as after a restart, where its former clients cannot reach it. */
    public ManagedProcess prometheusAgain(ManagedProcess stopped, int port, Path configFile, String... extraArgs) {
        return prometheus("prometheus-again-" + port, port, configFile, stopped.directory(), extraArgs);
    }

    private ManagedProcess prometheus(Path configFile, Path dir, String... extraArgs) {
        return prometheus("prometheus", FreePorts.next(), configFile, dir, extraArgs);
    }

    private ManagedProcess prometheus(String name, int port, Path configFile, Path dir, String... extraArgs) {
        List<String> cmd = new ArrayList<>(List.of(Binaries.require(Binaries.PROMETHEUS).toString(),
                "--config.file=" + configFile.toAbsolutePath(),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-lifecycle",
                "--web.enable-admin-api"));
        cmd.addAll(Arrays.asList(extraArgs));
        return start(name, cmd, dir, port, "/-/ready", Map.of());
    }

    /** The real Alertmanager with the given configuration text; clustering is off so it binds only its web port. */
    public ManagedProcess alertmanager(String configYaml, String... extraArgs) {
        Path dir = directory("alertmanager");
        return alertmanager(write(dir.resolve("alertmanager.yml"), configYaml), dir, extraArgs);
    }

    /** The real Alertmanager with a configuration file. */
    public ManagedProcess alertmanager(Path configFile, String... extraArgs) {
        return alertmanager(configFile, directory("alertmanager"), extraArgs);
    }

    private ManagedProcess alertmanager(Path configFile, Path dir, String... extraArgs) {
        int port = FreePorts.next();
        List<String> cmd = new ArrayList<>(List.of(Binaries.require(Binaries.ALERTMANAGER).toString(),
                "--config.file=" + configFile.toAbsolutePath(),
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address="));
        cmd.addAll(Arrays.asList(extraArgs));
        return start("alertmanager", cmd, dir, port, "/-/ready", Map.of());
    }

    /** The real node_exporter (Debian's prometheus-node-exporter), for side-by-side comparisons. */
    public ManagedProcess nodeExporter(String... extraArgs) {
        int port = FreePorts.next();
        List<String> cmd = new ArrayList<>(List.of(Binaries.require(Binaries.NODE_EXPORTER).toString(),
                "--web.listen-address=127.0.0.1:" + port));
        cmd.addAll(Arrays.asList(extraArgs));
        return start("node-exporter", cmd, port, "/metrics", Map.of());
    }

    /**
     * The real single-node VictoriaMetrics, its data in its own directory. {@code -search.latencyOffset=0s} and
     * {@code -search.disableCache} let queries see samples as soon as they are written, timestamps in the past
     * included (the defaults hide the last 30 s and cache answers); {@code extraArgs} are appended.
     */
    public ManagedProcess victoriaMetrics(String... extraArgs) {
        return victoriaMetrics(FreePorts.next(), directory("victoria-metrics"), extraArgs);
    }

    /** VictoriaMetrics again on the port and data directory of one that was stopped, as after a restart. */
    public ManagedProcess victoriaMetricsAgain(ManagedProcess stopped, String... extraArgs) {
        return victoriaMetrics(stopped.port(), stopped.directory(), extraArgs);
    }

    private ManagedProcess victoriaMetrics(int port, Path dir, String... extraArgs) {
        List<String> cmd = new ArrayList<>(List.of(Binaries.require(Binaries.VICTORIA_METRICS).toString(),
                "-storageDataPath=" + dir.resolve("data"),
                "-httpListenAddr=127.0.0.1:" + port,
                "-search.latencyOffset=0s",
                "-search.disableCache"));
        cmd.addAll(Arrays.asList(extraArgs));
        return start("victoria-metrics", cmd, dir, port, "/health", Map.of());
    }

    /**
     * The real vmagent as a developer's machine runs it: through the shipped launcher {@code deploy/team/forwarder},
     * remote-writing to {@code storeUrl} (a store's Prometheus API root), its HTTP port free on loopback and its
     * on-disk buffer in its own directory. {@code env} sets the launcher's variables (HOOKMETER_HOME, HOOKMETER_TEAM,
     * HOOKMETER_INSTANCE, HOOKMETER_SCRAPE_INTERVAL, ...).
     */
    public ManagedProcess vmagent(String storeUrl, Map<String, String> env) {
        int port = FreePorts.next();
        Path dir = directory("vmagent");
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("VMAGENT", Binaries.require(Binaries.VMAGENT).toString());
        all.put("HOOKMETER_FORWARDER_LISTEN", "127.0.0.1:" + port);
        all.putIfAbsent("HOOKMETER_FORWARDER_DATA", dir.resolve("buffer").toString());
        return start("vmagent", List.of(Launchers.forwarder().toString(), storeUrl), dir, port, "/health", all);
    }

    /**
     * The real vmalert on a free loopback port; {@code args} name its rules, datasource and notifier, for example
     * {@code -rule=DIR/*.yml -datasource.url=URL -notifier.url=URL -evaluationInterval=1s}.
     */
    public ManagedProcess vmalert(String... args) {
        int port = FreePorts.next();
        List<String> cmd = new ArrayList<>(List.of(Binaries.require(Binaries.VMALERT).toString(),
                "-httpListenAddr=127.0.0.1:" + port));
        cmd.addAll(Arrays.asList(args));
        return start("vmalert", cmd, port, "/health", Map.of());
    }

    /** The project's exporter, through its launcher {@code exporter/bin/hookmeter-exporter}. */
    public ManagedProcess exporter(Map<String, String> env, String... extraArgs) {
        int port = FreePorts.next();
        List<String> cmd = new ArrayList<>(List.of(Launchers.exporter().toString(),
                "--web.listen-address=127.0.0.1:" + port));
        cmd.addAll(Arrays.asList(extraArgs));
        return start("hookmeter-exporter", cmd, port, "/-/healthy", env);
    }

    public ManagedProcess exporter(String... extraArgs) {
        return exporter(Map.of(), extraArgs);
    }

    /** Any other server: started, then polled at {@code readyPath} on {@code port}. */
    public ManagedProcess start(String name, List<String> command, int port, String readyPath,
                                Map<String, String> env) {
        return start(name, command, directory(name), port, readyPath, env);
    }

    private ManagedProcess start(String name, List<String> command, Path dir, int port, String readyPath,
                                 Map<String, String> env) {
        return start(name, command, dir, port, readyPath, env, Map.of());
    }

    private ManagedProcess start(String name, List<String> command, Path dir, int port, String readyPath,
                                 Map<String, String> env, Map<String, String> readyHeaders) {
        ManagedProcess process = ManagedProcess.start(name, command, dir, port, env);
        started.add(process);
        return process.awaitReady(readyPath, READY_TIMEOUT, readyHeaders);
    }

    /**
     * Runs the project's {@code hookmeter} launcher once, to completion. Unless the test says otherwise, an agent it
     * starts listens on a free port ({@code HOOKMETER_AGENT_ADDRESS=127.0.0.1:0}), so tests never meet on 9096;
     * agents started in this instance's directories are stopped by {@link #close()}.
     */
    public CommandResult hookmeter(byte[] stdin, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Launchers.hookmeter().toString());
        cmd.addAll(Arrays.asList(args));
        return Commands.run(cmd, stdin, withAgentDefaults(env), root, Duration.ofSeconds(60));
    }

    /** The environment of a test's hookmeter run: an agent on a free port unless the test names one. */
    public static Map<String, String> withAgentDefaults(Map<String, String> env) {
        if (env.containsKey("HOOKMETER_AGENT_ADDRESS")) {
            return env;
        }
        Map<String, String> copy = new java.util.HashMap<>(env);
        copy.put("HOOKMETER_AGENT_ADDRESS", "127.0.0.1:0");
        return copy;
    }

    /** Every server started so far, in start order. */
    public List<ManagedProcess> started() {
        return List.copyOf(started);
    }

    /** The logs of every server, for a failure report. */
    public String logs() {
        StringBuilder all = new StringBuilder();
        for (ManagedProcess process : started) {
            all.append("===== ").append(process.name()).append(" (").append(process.url()).append(", pid ")
                    .append(process.pid()).append(process.isAlive() ? ", running" : ", stopped").append(") =====\n")
                    .append(tail(process.log(), 200)).append('\n');
        }
        return all.toString();
    }

    @Override
    public void close() {
        for (ManagedProcess process : started) {
            process.stop();
        }
        Agents.stopAll(root);
        if (!Boolean.getBoolean("hookmeter.keepTemp")) {
            deleteTree(root);
        }
    }

    private static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temp directory left behind is not worth failing a test for.
        }
    }
}
