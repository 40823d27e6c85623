package io.hookmeter.exporter.oshi;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.procfs.UnameCollector;
import oshi.software.os.OperatingSystem;

import java.util.Locale;

/** {@code node_uname_info} and {@code node_os_info}/{@code node_os_version} on macOS, Windows and the BSDs. */
public final class OshiUnameCollector implements Collector {
    private final OshiHost host;
    private final boolean osInfo;

    /** {@code osInfo}: this instance serves the "os" collector rather than "uname". */
    public OshiUnameCollector(OshiHost host, boolean osInfo) {
        this.host = host;
        this.osInfo = osInfo;
    }

    @Override
    public String name() {
        return osInfo ? "os" : "uname";
    }

    @Override
    public void collect(MetricSink out) {
        OperatingSystem os = host.os();
        OperatingSystem.OSVersionInfo version = os.getVersionInfo();
        String family = os.getFamily();
        if (!osInfo) {
            String domain = os.getNetworkParams().getDomainName();
            String domainName = domain == null || domain.isEmpty() ? "(none)" : domain;
            out.info("node_uname_info", "Labeled system information as provided by the uname system call.",
                    "sysname", "release", "version", "machine", "nodename", "domainname")
                    .add(1, sysname(System.getProperty("os.name")), System.getProperty("os.version"),
                            String.valueOf(version), machine(System.getProperty("os.arch")),
                            os.getNetworkParams().getHostName(), domainName);
            return;
        }
        // os-release style id: the family's first word in lower case (macos, windows, freebsd, debian).
        String id = family.toLowerCase(Locale.ROOT).split("[^a-z0-9]", 2)[0];
        String versionText = version.getVersion() == null ? "" : version.getVersion();
        String codeName = version.getCodeName() == null ? "" : version.getCodeName();
        out.info("node_os_info", "A metric with a constant '1' value labeled by build_id, id, id_like, image_id, "
                + "image_version, name, pretty_name, variant, variant_id, version, version_codename, version_id.",
                "build_id", "id", "id_like", "image_id", "image_version", "name", "pretty_name", "variant",
                "variant_id", "version", "version_codename", "version_id")
                .add(1, String.valueOf(version.getBuildNumber()), id, "", "", "", family,
                        (family + " " + versionText).trim(), "", "", versionText, codeName, versionText);
        java.util.regex.Matcher majorMinor = java.util.regex.Pattern.compile("^([0-9]+)(\\.[0-9]+)?")
                .matcher(versionText);
        if (majorMinor.find()) {
            out.gauge("node_os_version", "Metric containing the major.minor part of the OS version.",
                    "id", "id_like", "name").add(Double.parseDouble(majorMinor.group()), id, "", family);
        }
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
        return UnameCollector.machineOf(javaArch);
    }
}
