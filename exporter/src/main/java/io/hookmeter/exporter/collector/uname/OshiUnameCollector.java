package io.hookmeter.exporter.collector.uname;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.oshi.OshiHost;
import oshi.software.os.OperatingSystem;

/** {@code node_uname_info} on macOS, Windows and the BSDs. */
public record OshiUnameCollector(OshiHost host) implements Collector {
    @Override
    public void collect(MetricSink out) {
        OperatingSystem os = host.os();
        String domain = os.getNetworkParams().getDomainName();
        UnameFamilies.info(out, sysname(System.getProperty("os.name")), System.getProperty("os.version"),
                String.valueOf(os.getVersionInfo()), machine(System.getProperty("os.arch")),
                os.getNetworkParams().getHostName(), domain == null || domain.isEmpty() ? "(none)" : domain);
    }

    /** uname's sysname for the JVM's os.name: Darwin, Windows, FreeBSD, Linux. */
    static String sysname(String osName) {
        if (osName.startsWith("Mac")) {
            return "Darwin";
        }
        if (osName.startsWith("Windows")) {
            return "Windows";
        }
        return osName;
    }

    /** uname's machine: arm64 on Apple silicon, otherwise as on Linux (x86_64, aarch64). */
    static String machine(String javaArch) {
        if (javaArch.equals("aarch64") && System.getProperty("os.name").startsWith("Mac")) {
            return "arm64";
        }
        return UnameFamilies.machineOf(javaArch);
    }
}
