package io.hookmeter.exporter.collector.netdev;

import io.hookmeter.exporter.collect.Exposition;
import io.hookmeter.exporter.procfs.HostPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In a container with the host's /proc mounted, network counters are the host's (its init process's view). */
class ProcfsNetdevCollectorTest {
    private static final String HEADER = "Inter-|   Receive                                                |  Transmit\n"
            + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls "
            + "carrier compressed\n";

    @Test
    void aMountedHostProcfsGivesTheHostsInterfaces(@TempDir Path dir) throws Exception {
        Path proc = dir.resolve("host-proc");
        write(proc.resolve("net/dev"), HEADER + "  eth0: 11 1 0 0 0 0 0 0 22 2 0 0 0 0 0 0\n");
        write(proc.resolve("1/net/dev"), HEADER + "  enp3s0: 999 9 0 0 0 0 0 0 888 8 0 0 0 0 0 0\n");
        HostPaths paths = new HostPaths(proc, dir.resolve("sys"), dir);
        ProcfsNetdevCollector collector = new ProcfsNetdevCollector(paths, Pattern.compile("^lo$"));

        String host = Exposition.of(collector);
        assertTrue(host.contains("node_network_receive_bytes_total{device=\"enp3s0\"} 999.0"), host);
        assertFalse(host.contains("eth0"), host);

        Files.delete(proc.resolve("1/net/dev"));
        String own = Exposition.of(collector);
        assertTrue(own.contains("node_network_receive_bytes_total{device=\"eth0\"} 11.0"), own);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
