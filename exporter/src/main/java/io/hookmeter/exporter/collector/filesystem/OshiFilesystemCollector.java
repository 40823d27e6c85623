package io.hookmeter.exporter.collector.filesystem;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.oshi.OshiHost;
import oshi.software.os.OSFileStore;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code node_filesystem_*{device,fstype,mountpoint}} from OSHI's file stores, with the same filters as on Linux. */
public record OshiFilesystemCollector(OshiHost host, Pattern mountPointsExclude, Pattern fsTypesExclude)
        implements Collector {
    @Override
    public void collect(MetricSink out) {
        FilesystemFamilies families = new FilesystemFamilies(out);
        Set<String> seen = new HashSet<>();
        for (OSFileStore store : host.os().getFileSystem().getFileStores()) {
            String mount = store.getMount();
            String type = store.getType();
            if (mountPointsExclude.matcher(mount).find() || fsTypesExclude.matcher(type).find() || !seen.add(mount)) {
                continue;
            }
            boolean readOnly = List.of(store.getOptions().split(",")).contains("ro");
            if (store.getTotalSpace() <= 0) {
                families.unreadable(readOnly, store.getVolume(), type, mount);
                continue;
            }
            families.mount(readOnly, store.getVolume(), type, mount, store.getTotalSpace(), store.getFreeSpace(),
                    store.getUsableSpace(), store.getTotalInodes(), store.getFreeInodes());
        }
    }
}
