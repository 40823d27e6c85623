package io.hookmeter.exporter.procfs;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;

/** {@code node_uname_info}, from /proc/sys/kernel: the same fields uname(2) returns. */
public final class UnameCollector implements Collector {
    private final HostPaths paths;

    public UnameCollector(HostPaths paths) {
        this.paths = paths;
    }

    @Override
    public String name() {
        return "uname";
    }

    @Override
    public void collect(MetricSink out) throws Exception {
        String sysname = kernel("ostype");
        if (sysname == null) {
            throw new IllegalStateException(paths.proc("sys/kernel/ostype") + " is not readable");
        }
        String machine = kernel("arch");
        out.info("node_uname_info", "Labeled system information as provided by the uname system call.",
                "sysname", "release", "version", "machine", "nodename", "domainname")
                .add(1, sysname, orEmpty(kernel("osrelease")), orEmpty(kernel("version")),
                        machine != null ? machine : machineOf(System.getProperty("os.arch")),
                        orEmpty(kernel("hostname")), orEmpty(kernel("domainname")));
    }

    private String kernel(String file) {
        return HostPaths.readFirstLine(paths.proc("sys/kernel/" + file));
    }

    /** Kernels before 6.1 lack /proc/sys/kernel/arch: translate the JVM's name to uname's. */
    public static String machineOf(String javaArch) {
        return switch (javaArch) {
            case "amd64" -> "x86_64";
            case "x86" -> "i686";
            default -> javaArch;
        };
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
