package io.hookmeter.stack.compose;

import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import io.hookmeter.harness.FreePorts;
import io.hookmeter.harness.Launchers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code scripts/stack} run for a test: its own state directory, free loopback ports, no .env. Other tests can reuse
 * it: {@code new StackScript(dir).up()}, the addresses from {@link #url}, and {@link #down()} in a finally block.
 */
final class StackScript {
    static final Path SCRIPT = Launchers.repoRoot().resolve("scripts/stack");
    static final List<String> SERVICES = List.of("pushgateway", "alert-sink", "alertmanager", "exporter",
            "prometheus-longterm", "prometheus", "grafana");
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final Path stateDir;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, String> env = new HashMap<>();

    StackScript(Path stateDir) {
        this.stateDir = stateDir;
        env.put("HOOKMETER_STACK_DIR", stateDir.toString());
        env.put("HOOKMETER_ENV_FILE", "/dev/null");
        for (String service : SERVICES) {
            int port = FreePorts.next();
            ports.put(service, port);
            env.put(portVariable(service), Integer.toString(port));
        }
        jarOfThisBuild("exporter", "hookmeter-exporter.jar")
                .ifPresent(jar -> env.put("HOOKMETER_EXPORTER_JAR", jar.toString()));
        jarOfThisBuild("alert-sink", "hookmeter-alert-sink.jar")
                .ifPresent(jar -> env.put("HOOKMETER_ALERT_SINK_JAR", jar.toString()));
    }

    static String portVariable(String service) {
        return "HOOKMETER_PORT_" + service.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Sets another variable for every later run of the script. */
    StackScript with(String name, String value) {
        env.put(name, value);
        return this;
    }

    CommandResult up() {
        return run("up");
    }

    CommandResult status() {
        return run("status");
    }

    CommandResult down() {
        return run("down");
    }

    CommandResult run(String command) {
        return Commands.run(List.of(SCRIPT.toString(), command), null, env, stateDir, TIMEOUT);
    }

    int port(String service) {
        return ports.get(service);
    }

    String url(String service) {
        return "http://127.0.0.1:" + port(service);
    }

    Path stateDir() {
        return stateDir;
    }

    /** The pids in {@code run/*.pid} right now. */
    List<Long> pids() {
        Path run = stateDir.resolve("run");
        if (!Files.isDirectory(run)) {
            return List.of();
        }
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> files = Files.list(run)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                pids.add(Long.parseLong(Files.readString(file).strip().split("\\s+")[0]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pids;
    }

    /** Every live process whose command line mentions the state directory or one of this stack's ports. */
    List<String> processesLeft() {
        List<String> marks = new ArrayList<>(List.of(stateDir.toString()));
        ports.values().forEach(port -> marks.add("127.0.0.1:" + port));
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .filter(line -> marks.stream().anyMatch(line::contains))
                .toList();
    }

    /**
     * A launcher's jar as this Maven run built it. With {@code -Dhm.target=X} the modules build into X/ instead of
     * target/; this test class sits in stack/X/test-classes, so the module's jar is in MODULE/X/.
     */
    static Optional<Path> jarOfThisBuild(String module, String jarName) {
        try {
            Path classes = Path.of(StackScript.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path jar = Launchers.repoRoot().resolve(module).resolve(classes.getParent().getFileName()).resolve(jarName);
            return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
