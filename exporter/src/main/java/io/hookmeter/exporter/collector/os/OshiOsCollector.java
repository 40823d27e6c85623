package io.hookmeter.exporter.collector.os;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.oshi.OshiHost;
import oshi.software.os.OperatingSystem;

import java.util.Locale;

/** {@code node_os_info} and {@code node_os_version} from OSHI's OS family and version (macOS, Windows, BSDs). */
public record OshiOsCollector(OshiHost host) implements Collector {
    @Override
    public void collect(MetricSink out) {
        OperatingSystem os = host.os();
        OperatingSystem.OSVersionInfo version = os.getVersionInfo();
        String family = os.getFamily();
        // os-release style id: the family's first word in lower case (macos, windows, freebsd, debian).
        String id = family.toLowerCase(Locale.ROOT).split("[^a-z0-9]", 2)[0];
        String versionText = version.getVersion() == null ? "" : version.getVersion();
        String codeName = version.getCodeName() == null ? "" : version.getCodeName();
        OsFamilies.info(out, String.valueOf(version.getBuildNumber()), id, "", "", "", family,
                (family + " " + versionText).trim(), "", "", versionText, codeName, versionText);
        OsFamilies.version(out, versionText, id, "", family);
    }
}
