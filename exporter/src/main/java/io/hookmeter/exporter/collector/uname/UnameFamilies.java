package io.hookmeter.exporter.collector.uname;

import io.hookmeter.exporter.collect.MetricSink;

/** The uname collector's family, declared once for both backends. */
final class UnameFamilies {
    private UnameFamilies() {
    }

    static void info(MetricSink out, String sysname, String release, String version, String machine,
                     String nodename, String domainname) {
        out.info("node_uname_info", "Labeled system information as provided by the uname system call.",
                "sysname", "release", "version", "machine", "nodename", "domainname")
                .add(1, sysname, release, version, machine, nodename, domainname);
    }

    /** uname's machine for the JVM's os.arch, where the OS does not say: x86_64, i686, aarch64. */
    static String machineOf(String javaArch) {
        return switch (javaArch) {
            case "amd64" -> "x86_64";
            case "x86" -> "i686";
            default -> javaArch;
        };
    }
}
