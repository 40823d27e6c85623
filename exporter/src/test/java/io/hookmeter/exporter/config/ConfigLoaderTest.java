package io.hookmeter.exporter.config;

import io.hookmeter.exporter.collector.Registry;
import io.hookmeter.exporter.process.ProcessGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    @Test
    void defaultsMatchNodeExporterAndTheDesign() throws ConfigException {
        ExporterConfig config = ConfigLoader.load(List.of(), Map.of());
        assertNull(config.listenAddress().host());
        assertEquals(9101, config.listenAddress().port());
        assertEquals(Path.of("/proc"), config.paths().procfs());
        assertEquals(Registry.names(), List.copyOf(config.enabledCollectors()));
        assertEquals(Duration.ofSeconds(5), config.collectorTimeout());
        assertEquals(List.of(ProcessGroup.CLAUDE), config.processGroups().groups());
        assertTrue(config.exporterMetrics());
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile(@TempDir Path dir) throws Exception {
        Path file = write(dir, """
                web:
                  listen_address: "127.0.0.1:7000"
                path:
                  procfs: /file/proc
                  sysfs: /file/sys
                collectors:
                  timeout: 2s
                  hwmon: false
                  netdev:
                    enabled: true
                    device_exclude: "^(lo|veth.*)$"
                """);
        ExporterConfig config = ConfigLoader.load(
                List.of("--config.file=" + file, "--path.procfs", "/flag/proc", "--no-collector.cpu"),
                Map.of("HOOKMETER_EXPORTER_PATH_PROCFS", "/env/proc", "HOOKMETER_EXPORTER_PATH_SYSFS", "/env/sys",
                        "HOOKMETER_EXPORTER_COLLECTOR_TIMEOUT", "750ms"));
        assertEquals("127.0.0.1", config.listenAddress().host());
        assertEquals(7000, config.listenAddress().port());
        assertEquals(Path.of("/flag/proc"), config.paths().procfs());
        assertEquals(Path.of("/env/sys"), config.paths().sysfs());
        assertEquals(Duration.ofMillis(750), config.collectorTimeout());
        assertFalse(config.enabled("hwmon"));
        assertFalse(config.enabled("cpu"));
        assertTrue(config.enabled("netdev"));
        Pattern netdevExclude = (Pattern) config.collectorSettings().get("collector.netdev.device-exclude");
        assertTrue(netdevExclude.matcher("veth12").find());
    }

    @Test
    void theConfigFileCanComeFromTheEnvironmentAndDefineProcessGroups(@TempDir Path dir) throws Exception {
        Path file = write(dir, """
                process_groups:
                  - name: agents
                    names: [claude, codex]
                  - name: builds
                    cmdline: 'mvn|gradle'
                """);
        ExporterConfig config = ConfigLoader.load(List.of(), Map.of("HOOKMETER_EXPORTER_CONFIG_FILE", file.toString()));
        List<ProcessGroup> groups = config.processGroups().groups();
        assertEquals(List.of("agents", "builds"), groups.stream().map(ProcessGroup::name).toList());
        assertEquals("agents", config.processGroups().groupOf("codex", () -> ""));
        assertEquals("builds", config.processGroups().groupOf("java", () -> "/usr/bin/java -jar mvn.jar"));
        assertNull(config.processGroups().groupOf("bash", () -> "bash"));
    }

    @Test
    void anEmptyGroupListTurnsTheGroupsOff(@TempDir Path dir) throws Exception {
        for (String yaml : List.of("process_groups: []\n", "process_groups:\n")) {
            ExporterConfig config = ConfigLoader.load(List.of("--config.file=" + write(dir, yaml)), Map.of());
            assertEquals(List.of(), config.processGroups().groups(), yaml);
        }
    }

    @Test
    void problemsNameTheKeyAsTheUserWroteIt(@TempDir Path dir) throws Exception {
        assertKey("collectors.cpux", write(dir, "collectors:\n  cpux: true\n"));
        assertKey("collectors.timeout", write(dir, "collectors:\n  timeout: soon\n"));
        assertKey("collectors.filesystem.fs_types_exclude", write(dir, "collectors:\n  filesystem:\n"
                + "    fs_types_exclude: '(unclosed'\n"));
        assertKey("web.listen_address", write(dir, "web:\n  listen_address: 9101\n"));
        assertKey("process_groups[0].name", write(dir, "process_groups:\n  - names: [x]\n"));
        assertKey("process_groups[0].cmdline[1]", write(dir, "process_groups:\n  - name: x\n    cmdline: [ok, '[']\n"));
        assertKey("process_groups[0].nmae", write(dir, "process_groups:\n  - name: x\n    nmae: y\n"));
        assertKey("--config.file", write(dir, "web: [unclosed\n"));
        assertKey("--config.file", dir.resolve("missing.yml"));

        assertEquals("--collector.timeout", problem(List.of("--collector.timeout=0s"), Map.of()).key());
        assertEquals("--web.listen-adress", problem(List.of("--web.listen-adress=:1"), Map.of()).key());
        assertEquals("HOOKMETER_EXPORTER_COLLECTOR_CPU",
                problem(List.of(), Map.of("HOOKMETER_EXPORTER_COLLECTOR_CPU", "maybe")).key());
        assertEquals("--path.rootfs", problem(List.of("--path.rootfs"), Map.of()).key());
    }

    @Test
    void aKeyGivenTwiceIsAnError(@TempDir Path dir) throws Exception {
        ConfigException e = problem(List.of("--config.file=" + write(dir,
                "web:\n  listen_address: ':1'\nweb:\n  listen_address: ':2'\n")), Map.of());
        assertEquals("--config.file", e.key());
        assertTrue(e.getMessage().contains("found duplicate key web"), e.getMessage());
    }

    @Test
    void aMessageIsOneLine(@TempDir Path dir) throws Exception {
        ConfigException e = problem(List.of("--config.file=" + write(dir, "a:\n  - b\n c: [\n")), Map.of());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static void assertKey(String key, Path file) {
        assertEquals(key, problem(List.of("--config.file=" + file), Map.of()).key());
    }

    private static ConfigException problem(List<String> args, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(args, env));
    }

    private static Path write(Path dir, String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "config", ".yml"), yaml);
    }
}
