package io.hookmeter.exporter.oshi;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import oshi.software.os.OSFileStore;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code node_filesystem_*{device,fstype,mountpoint}} from OSHI's file stores, with the same filters as on Linux. */
public final class OshiFilesystemCollector implements Collector {
    private static final String[] LABELS = {"device", "fstype", "mountpoint"};

    private final OshiHost host;
    private final Pattern mountPointsExclude;
    private final Pattern fsTypesExclude;

    public OshiFilesystemCollector(OshiHost host, Pattern mountPointsExclude, Pattern fsTypesExclude) {
        this.host = host;
        this.mountPointsExclude = mountPointsExclude;
        this.fsTypesExclude = fsTypesExclude;
    }

    @Override
    public String name() {
        return "filesystem";
    }

    @Override
    public void collect(MetricSink out) {
        MetricSink.Family size = out.gauge("node_filesystem_size_bytes", "Filesystem size in bytes.", LABELS);
        MetricSink.Family free = out.gauge("node_filesystem_free_bytes", "Filesystem free space in bytes.", LABELS);
        MetricSink.Family avail = out.gauge("node_filesystem_avail_bytes",
                "Filesystem space available to non-root users in bytes.", LABELS);
        MetricSink.Family files = out.gauge("node_filesystem_files", "Filesystem total file nodes.", LABELS);
        MetricSink.Family filesFree = out.gauge("node_filesystem_files_free", "Filesystem total free file nodes.",
                LABELS);
        MetricSink.Family readonly = out.gauge("node_filesystem_readonly", "Filesystem read-only status.", LABELS);
        MetricSink.Family error = out.gauge("node_filesystem_device_error",
                "Whether an error occurred while getting statistics for the given device.", LABELS);
        Set<String> seen = new HashSet<>();
        for (OSFileStore store : host.os().getFileSystem().getFileStores()) {
            String mount = store.getMount();
            String type = store.getType();
            if (mountPointsExclude.matcher(mount).find() || fsTypesExclude.matcher(type).find() || !seen.add(mount)) {
                continue;
            }
            String[] labels = {store.getVolume(), type, mount};
            readonly.add(List.of(store.getOptions().split(",")).contains("ro") ? 1 : 0, labels);
            if (store.getTotalSpace() <= 0) {
                error.add(1, labels);
                continue;
            }
            error.add(0, labels);
            size.add(store.getTotalSpace(), labels);
            free.add(store.getFreeSpace(), labels);
            avail.add(store.getUsableSpace(), labels);
            files.add(store.getTotalInodes(), labels);
            filesFree.add(store.getFreeInodes(), labels);
        }
    }
}
