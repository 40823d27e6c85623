package io.hookmeter.exporter;

import io.hookmeter.harness.Binaries;
import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import io.hookmeter.harness.Exposition;
import io.hookmeter.harness.Http;
import io.hookmeter.harness.Launchers;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged exporter through its launcher: endpoints, promtool, config errors, failures, SIGTERM. */
@ExtendWith(RealServers.class)
class ExporterIT {
    private static final Path FIXTURE = Path.of("src/test/fixtures/linux");

    @Test
    void servesMetricsThatPromtoolAccepts(Servers servers) {
        ManagedProcess exporter = servers.exporter();
        String metrics = Http.getOk(exporter.url() + "/metrics");
        CommandResult check = Commands.run(List.of(Binaries.require(Binaries.PROMTOOL).toString(), "check",
                "metrics"), metrics.getBytes(StandardCharsets.UTF_8), Map.of(), null, Duration.ofSeconds(30));
        // node_exporter's own names are camelCase (node_memory_MemTotal_bytes): promtool's style hint about them
        // is inherited on purpose, as on node_exporter itself. Anything else is a real problem.
        List<String> problems = (check.out() + check.err()).lines()
                .filter(line -> !line.isBlank())
                .filter(line -> !(line.startsWith("node_memory_") && line.contains("'snake_case' not 'camelCase'")))
                .toList();
        assertEquals(List.of(), problems, metrics);
        assertTrue(metrics.contains("node_scrape_collector_success{collector=\"cpu\"} 1.0"), metrics);
        assertTrue(metrics.contains("namedprocess_namegroup_num_procs{groupname=\"claude\"}"), metrics);
        assertTrue(metrics.contains("jvm_memory_used_bytes"), "client_java JVM metrics: " + metrics);
        assertTrue(metrics.contains("process_resident_memory_bytes"), metrics);
        assertTrue(metrics.contains("hookmeter_exporter_build_info{"), metrics);

        assertEquals("Exporter is healthy.\n", Http.getOk(exporter.url() + "/-/healthy"));
        assertEquals("Exporter is Ready.\n", Http.getOk(exporter.url() + "/-/ready"));
        assertTrue(Http.getOk(exporter.url() + "/").contains("href=\"metrics\""));
        HttpResponse<String> missing = Http.get(exporter.url() + "/nope");
        assertEquals(404, missing.statusCode());
    }

    @Test
    void aCollectorThatFailsIsReportedAndTheOthersAreServed(Servers servers) throws IOException {
        // The fixture /proc without loadavg: the loadavg collector fails on a real missing file.
        Path proc = servers.directory("proc");
        copyTree(FIXTURE.resolve("proc"), proc);
        Files.delete(proc.resolve("loadavg"));
        ManagedProcess exporter = servers.exporter(Map.of(), "--path.procfs=" + proc,
                "--path.sysfs=" + FIXTURE.resolve("sys").toAbsolutePath(),
                "--path.rootfs=" + FIXTURE.resolve("root").toAbsolutePath(), "--no-collector.filesystem");
        Exposition scrape = Exposition.parse(Http.getOk(exporter.url() + "/metrics"));
        assertEquals(0, scrape.value("node_scrape_collector_success", "collector", "loadavg"));
        assertEquals(List.of(), scrape.get("node_load1"));
        assertEquals(1, scrape.value("node_scrape_collector_success", "collector", "meminfo"));
        assertEquals(24682416.0 * 1024, scrape.value("node_memory_MemTotal_bytes"));
        assertEquals("testhost", scrape.get("node_uname_info").get(0).labels().get("nodename"));
        assertEquals(2, scrape.value("namedprocess_namegroup_num_procs", "groupname", "claude"));
        assertTrue(exporter.log().contains("collector loadavg failed: java.io.IOException: reading "
                + proc.resolve("loadavg") + ": no such file"), exporter.log());
    }

    @Test
    void aBadConfigIsOneLineNamingTheKeyAndExitCode2(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("exporter.yml"), "collectors:\n  filesystem:\n"
                + "    mount_points_exclude: '(broken'\n");
        CommandResult result = Commands.run(List.of(Launchers.exporter().toString(), "--config.file=" + config),
                null, Map.of(), dir, Duration.ofSeconds(60));
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(1, result.err().lines().count(), result.err());
        assertTrue(result.err().startsWith("hookmeter-exporter: collectors.filesystem.mount_points_exclude: "),
                result.err());

        CommandResult flag = Commands.run(List.of(Launchers.exporter().toString(), "--collector.nope"), null,
                Map.of(), dir, Duration.ofSeconds(60));
        assertEquals(2, flag.exitCode(), flag.toString());
        assertTrue(flag.err().contains("--collector.nope: unknown flag"), flag.err());
    }

    @Test
    void stopsPromptlyOnSigterm(@TempDir Path dir) throws Exception {
        int port = io.hookmeter.harness.FreePorts.next();
        Process process = new ProcessBuilder(Launchers.exporter().toString(),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try {
                    if (Http.get("http://127.0.0.1:" + port + "/-/healthy").statusCode() == 200) {
                        break;
                    }
                } catch (AssertionError notYet) {
                    assertTrue(System.nanoTime() < deadline && process.isAlive(), Files.readString(dir.resolve("log")));
                    Thread.sleep(100);
                }
            }
            process.destroy();
            assertTrue(process.waitFor(5, TimeUnit.SECONDS), "exporter did not stop within 5 s of SIGTERM");
            assertEquals(143, process.exitValue(), "128 + SIGTERM, as the JVM exits after its shutdown hooks");
            String log = Files.readString(dir.resolve("log"));
            assertTrue(!log.contains("Exception"), log);
        } finally {
            process.destroyForcibly();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
