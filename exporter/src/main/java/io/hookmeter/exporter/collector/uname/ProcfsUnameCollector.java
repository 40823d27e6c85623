package io.hookmeter.exporter.collector.uname;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.procfs.HostPaths;

/** {@code node_uname_info}, from /proc/sys/kernel: the same fields uname(2) returns. */
public record ProcfsUnameCollector(HostPaths paths) implements Collector {
    @Override
    public void collect(MetricSink out) throws Exception {
        String sysname = kernel("ostype");
        if (sysname == null) {
            throw HostPaths.failure(paths.proc("sys/kernel/ostype"), "missing or unreadable");
        }
        String machine = kernel("arch");
        // Kernels before 6.1 lack /proc/sys/kernel/arch.
        UnameFamilies.info(out, sysname, orEmpty(kernel("osrelease")), orEmpty(kernel("version")),
                machine != null ? machine : UnameFamilies.machineOf(System.getProperty("os.arch")),
                orEmpty(kernel("hostname")), orEmpty(kernel("domainname")));
    }

    private String kernel(String file) {
        return HostPaths.readFirstLine(paths.proc("sys/kernel/" + file));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
