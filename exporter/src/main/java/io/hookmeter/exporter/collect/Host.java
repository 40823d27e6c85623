package io.hookmeter.exporter.collect;

import io.hookmeter.exporter.oshi.OshiHost;
import io.hookmeter.exporter.procfs.FsStats;
import io.hookmeter.exporter.procfs.HostPaths;
import io.hookmeter.exporter.procfs.LibcFsStats;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * What collectors read the machine through: its files (procfs backend), OSHI (OSHI backend), its clock and
 * statfs(2). Tests give fixture trees, a fixed clock and fixed statfs answers in their place.
 */
public record Host(HostPaths paths, Supplier<OshiHost> oshi, Clock clock, FsStats statfs) {
    /**
     * The real machine, seen through {@code paths}. OSHI and libc's statvfs are bound on first use only: each loads
     * native code that only one backend needs (there is no statvfs on Windows).
     */
    public static Host real(HostPaths paths) {
        return new Host(paths, new Supplier<>() {
            private OshiHost host;

            @Override
            public synchronized OshiHost get() {
                if (host == null) {
                    host = new OshiHost();
                }
                return host;
            }
        }, Clock.systemDefaultZone(), mountPoint -> new LibcFsStats().stat(mountPoint));
    }
}
