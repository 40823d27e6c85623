package io.hookmeter.exporter;

import io.hookmeter.harness.Exposition;
import io.hookmeter.harness.Http;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real node_exporter (Debian's prometheus-node-exporter) and our exporter on the same host, scraped one right
 * after the other: same names, types, label names and label values, and the same numbers.
 */
@ExtendWith(RealServers.class)
class NodeExporterParityIT {
    /** The metrics the issue calls core; each one node_exporter shows on this host must be in ours, alike. */
    private static final List<String> CORE = List.of(
            "node_cpu_seconds_total",
            "node_memory_MemTotal_bytes", "node_memory_MemFree_bytes", "node_memory_MemAvailable_bytes",
            "node_memory_Buffers_bytes", "node_memory_Cached_bytes", "node_memory_SwapTotal_bytes",
            "node_memory_SwapFree_bytes",
            "node_filesystem_size_bytes", "node_filesystem_free_bytes", "node_filesystem_avail_bytes",
            "node_filesystem_files", "node_filesystem_files_free", "node_filesystem_readonly",
            "node_filesystem_device_error",
            "node_disk_read_bytes_total", "node_disk_written_bytes_total", "node_disk_reads_completed_total",
            "node_disk_writes_completed_total", "node_disk_read_time_seconds_total",
            "node_disk_write_time_seconds_total", "node_disk_io_time_seconds_total",
            "node_disk_io_time_weighted_seconds_total", "node_disk_io_now",
            "node_network_receive_bytes_total", "node_network_receive_packets_total",
            "node_network_receive_errs_total", "node_network_receive_drop_total",
            "node_network_transmit_bytes_total", "node_network_transmit_packets_total",
            "node_network_transmit_errs_total", "node_network_transmit_drop_total", "node_network_up",
            "node_load1", "node_load5", "node_load15",
            "node_boot_time_seconds", "node_context_switches_total", "node_intr_total", "node_forks_total",
            "node_procs_running", "node_procs_blocked", "node_time_seconds", "node_uname_info", "node_os_info",
            "node_os_version", "node_scrape_collector_duration_seconds", "node_scrape_collector_success");

    private static Exposition theirs;
    private static Exposition ours;
    private static Exposition oshi;

    @BeforeAll
    static void scrapeBoth(Servers servers) {
        ManagedProcess nodeExporter = servers.nodeExporter();
        ManagedProcess exporter = servers.exporter();
        ManagedProcess oshiExporter = servers.exporter(Map.of(), "--collector.backend=oshi");
        Http.getOk(exporter.url() + "/metrics"); // first scrape loads classes; compare warm scrapes
        Http.getOk(oshiExporter.url() + "/metrics");
        theirs = Exposition.parse(Http.getOk(nodeExporter.url() + "/metrics"));
        ours = Exposition.parse(Http.getOk(exporter.url() + "/metrics"));
        oshi = Exposition.parse(Http.getOk(oshiExporter.url() + "/metrics"));
    }

    /** The OSHI backend (what macOS and Windows run) on this Linux host: a subset, with the very same names. */
    @Test
    void theOshiBackendUsesTheSameNamesTypesAndLabels() {
        List<String> problems = new ArrayList<>();
        for (String name : oshi.samples.keySet()) {
            if (!name.startsWith("node_") && !name.startsWith("namedprocess_")) {
                continue;
            }
            if (ours.get(name).isEmpty()) {
                problems.add(name + " is not a procfs backend metric");
            } else if (!ours.typeOf(name).equals(oshi.typeOf(name))
                    || !ours.labelNames(name).equals(oshi.labelNames(name))) {
                problems.add(name + " differs");
            }
        }
        assertEquals(List.of(), problems);
        for (String name : List.of("node_cpu_seconds_total", "node_memory_MemAvailable_bytes",
                "node_filesystem_avail_bytes", "node_disk_read_bytes_total", "node_network_receive_bytes_total",
                "node_load1", "node_boot_time_seconds", "node_uname_info", "node_os_info",
                "namedprocess_namegroup_num_procs")) {
            assertTrue(!oshi.get(name).isEmpty(), name + " missing from the OSHI backend");
        }
        assertEquals(0.0, oshi.get("node_scrape_collector_success").stream().filter(s -> s.value() != 1).count());
        assertEquals(theirs.value("node_memory_MemTotal_bytes"), oshi.value("node_memory_MemTotal_bytes"));
        assertEquals(theirs.value("node_filesystem_size_bytes", "mountpoint", "/"),
                oshi.value("node_filesystem_size_bytes", "mountpoint", "/"));
        assertEquals(theirs.labelValues("node_cpu_seconds_total", "cpu"), oshi.labelValues("node_cpu_seconds_total", "cpu"));
        assertEquals(theirs.value("node_boot_time_seconds"), oshi.value("node_boot_time_seconds"), 2.0);
        assertClose(sum(theirs, "node_cpu_seconds_total", Map.of("mode", "idle")),
                sum(oshi, "node_cpu_seconds_total", Map.of("mode", "idle")), 0.02, 5, "OSHI cpu idle seconds");
    }

    @Test
    void everyCoreMetricNodeExporterHasIsOursWithTheSameTypeAndLabels() {
        List<String> problems = new ArrayList<>();
        int compared = 0;
        for (String name : CORE) {
            if (theirs.get(name).isEmpty()) {
                continue;
            }
            compared++;
            if (ours.get(name).isEmpty()) {
                problems.add(name + " is missing");
            } else if (!theirs.typeOf(name).equals(ours.typeOf(name))) {
                problems.add(name + " is a " + ours.typeOf(name) + ", node_exporter's a " + theirs.typeOf(name));
            } else if (!theirs.labelNames(name).equals(ours.labelNames(name))) {
                problems.add(name + " labels " + ours.labelNames(name) + " vs " + theirs.labelNames(name));
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(compared >= 40, "node_exporter showed only " + compared + " core metrics");
    }

    @Test
    void everyNodeMetricOfOursThatNodeExporterAlsoHasIsAlike() {
        List<String> problems = new ArrayList<>();
        for (String name : ours.samples.keySet()) {
            if (!name.startsWith("node_") || theirs.get(name).isEmpty()) {
                continue;
            }
            if (!theirs.typeOf(name).equals(ours.typeOf(name))
                    || !theirs.labelNames(name).equals(ours.labelNames(name))) {
                problems.add(name);
            }
        }
        assertEquals(List.of(), problems);
        Set<String> memory = theirs.samples.keySet().stream().filter(n -> n.startsWith("node_memory_"))
                .collect(Collectors.toCollection(TreeSet::new));
        memory.removeAll(ours.samples.keySet());
        assertEquals(Set.of(), memory, "every /proc/meminfo field");
    }

    @Test
    void theSameDevicesMountsAndInterfacesPassTheDefaultFilters() {
        assertEquals(theirs.labelValues("node_filesystem_size_bytes", "mountpoint"),
                ours.labelValues("node_filesystem_size_bytes", "mountpoint"));
        assertEquals(theirs.labelValues("node_disk_read_bytes_total", "device"),
                ours.labelValues("node_disk_read_bytes_total", "device"));
        assertEquals(theirs.labelValues("node_network_receive_bytes_total", "device"),
                ours.labelValues("node_network_receive_bytes_total", "device"));
        assertEquals(theirs.labelValues("node_network_up", "device"), ours.labelValues("node_network_up", "device"));
        assertEquals(theirs.labelValues("node_cpu_seconds_total", "mode"),
                ours.labelValues("node_cpu_seconds_total", "mode"));
        assertEquals(theirs.get("node_uname_info").get(0).labels(), ours.get("node_uname_info").get(0).labels());
        assertEquals(theirs.get("node_os_info").get(0).labels(), ours.get("node_os_info").get(0).labels());
    }

    @Test
    void valuesAgree() {
        assertEquals(theirs.value("node_memory_MemTotal_bytes"), ours.value("node_memory_MemTotal_bytes"));
        assertEquals(theirs.value("node_memory_SwapTotal_bytes"), ours.value("node_memory_SwapTotal_bytes"));
        for (String mount : theirs.labelValues("node_filesystem_size_bytes", "mountpoint")) {
            assertEquals(theirs.value("node_filesystem_size_bytes", "mountpoint", mount),
                    ours.value("node_filesystem_size_bytes", "mountpoint", mount), mount);
            assertEquals(theirs.value("node_filesystem_files", "mountpoint", mount),
                    ours.value("node_filesystem_files", "mountpoint", mount), mount);
        }
        assertEquals(theirs.labelValues("node_cpu_seconds_total", "cpu").size(),
                ours.labelValues("node_cpu_seconds_total", "cpu").size(), "CPU count");
        assertEquals(theirs.value("node_boot_time_seconds"), ours.value("node_boot_time_seconds"), 1.0);
        assertEquals(theirs.value("node_time_seconds"), ours.value("node_time_seconds"), 30.0);

        // Counters move between the two scrapes: a small tolerance, relative with an absolute floor.
        for (String mode : List.of("user", "system", "idle")) {
            assertClose(sum(theirs, "node_cpu_seconds_total", Map.of("mode", mode)),
                    sum(ours, "node_cpu_seconds_total", Map.of("mode", mode)), 0.02, 5, "cpu " + mode);
        }
        assertClose(theirs.value("node_context_switches_total"), ours.value("node_context_switches_total"),
                0.05, 10_000, "context switches");
        assertClose(theirs.value("node_forks_total"), ours.value("node_forks_total"), 0.05, 200, "forks");
        for (String device : theirs.labelValues("node_disk_read_bytes_total", "device")) {
            assertClose(theirs.value("node_disk_read_bytes_total", "device", device),
                    ours.value("node_disk_read_bytes_total", "device", device), 0.05, 50e6, "disk read " + device);
            assertClose(theirs.value("node_disk_written_bytes_total", "device", device),
                    ours.value("node_disk_written_bytes_total", "device", device), 0.05, 50e6, "disk written " + device);
        }
        for (String device : theirs.labelValues("node_network_receive_bytes_total", "device")) {
            assertClose(theirs.value("node_network_receive_bytes_total", "device", device),
                    ours.value("node_network_receive_bytes_total", "device", device), 0.05, 10e6, "rx " + device);
        }
        assertClose(theirs.value("node_memory_MemAvailable_bytes"), ours.value("node_memory_MemAvailable_bytes"),
                0.05, 256e6, "MemAvailable");
    }

    private static double sum(Exposition scrape, String name, Map<String, String> match) {
        return scrape.get(name).stream()
                .filter(s -> match.entrySet().stream().allMatch(e -> e.getValue().equals(s.labels().get(e.getKey()))))
                .mapToDouble(Exposition.Sample::value).sum();
    }

    private static void assertClose(double expected, double actual, double relative, double absolute, String what) {
        double allowed = Math.max(absolute, Math.abs(expected) * relative);
        assertTrue(Math.abs(expected - actual) <= allowed,
                what + ": node_exporter " + expected + ", ours " + actual + " (allowed difference " + allowed + ")");
    }
}
