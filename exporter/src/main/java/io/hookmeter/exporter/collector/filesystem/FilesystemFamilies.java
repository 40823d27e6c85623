package io.hookmeter.exporter.collector.filesystem;

import io.hookmeter.exporter.collect.MetricSink;

/**
 * The {@code node_filesystem_*} families with node_exporter's names, help and labels, declared once so that the
 * procfs and OSHI backends cannot drift apart. One instance per scrape.
 */
final class FilesystemFamilies {
    private final MetricSink.Family size;
    private final MetricSink.Family free;
    private final MetricSink.Family avail;
    private final MetricSink.Family files;
    private final MetricSink.Family filesFree;
    private final MetricSink.Family readonly;
    private final MetricSink.Family deviceError;

    FilesystemFamilies(MetricSink out) {
        String[] labels = {"device", "fstype", "mountpoint"};
        size = out.gauge("node_filesystem_size_bytes", "Filesystem size in bytes.", labels);
        free = out.gauge("node_filesystem_free_bytes", "Filesystem free space in bytes.", labels);
        avail = out.gauge("node_filesystem_avail_bytes", "Filesystem space available to non-root users in bytes.",
                labels);
        files = out.gauge("node_filesystem_files", "Filesystem total file nodes.", labels);
        filesFree = out.gauge("node_filesystem_files_free", "Filesystem total free file nodes.", labels);
        readonly = out.gauge("node_filesystem_readonly", "Filesystem read-only status.", labels);
        deviceError = out.gauge("node_filesystem_device_error",
                "Whether an error occurred while getting statistics for the given device.", labels);
    }

    /** A mount whose statistics could not be read: its read-only flag and {@code device_error 1}, no sizes. */
    void unreadable(boolean readOnly, String device, String fsType, String mountPoint) {
        readonly.add(readOnly ? 1 : 0, device, fsType, mountPoint);
        deviceError.add(1, device, fsType, mountPoint);
    }

    /** A mount with its statistics, in bytes and file nodes. */
    void mount(boolean readOnly, String device, String fsType, String mountPoint, double sizeBytes,
                      double freeBytes, double availBytes, double fileNodes, double freeFileNodes) {
        readonly.add(readOnly ? 1 : 0, device, fsType, mountPoint);
        deviceError.add(0, device, fsType, mountPoint);
        size.add(sizeBytes, device, fsType, mountPoint);
        free.add(freeBytes, device, fsType, mountPoint);
        avail.add(availBytes, device, fsType, mountPoint);
        files.add(fileNodes, device, fsType, mountPoint);
        filesFree.add(freeFileNodes, device, fsType, mountPoint);
    }
}
