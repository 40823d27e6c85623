package io.hookmeter.exporter.collector.filesystem;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.procfs.FsStats;
import io.hookmeter.exporter.procfs.HostPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code node_filesystem_*{device,fstype,mountpoint}} for the mounts of the host's init process (or of this
 * process when that is not readable), with node_exporter's default filters for pseudo and container filesystems.
 * A mount that cannot be stat'ed is reported with {@code node_filesystem_device_error 1} instead of sizes.
 */
public record ProcfsFilesystemCollector(HostPaths paths, FsStats stats, Pattern mountPointsExclude,
                                        Pattern fsTypesExclude) implements Collector {
    @Override
    public void collect(MetricSink out) throws Exception {
        FilesystemFamilies families = new FilesystemFamilies(out);
        Set<String> seen = new HashSet<>();
        HostPaths.eachLine(mounts(), line -> {
            String[] f = HostPaths.fields(line);
            if (f.length < 4) {
                return;
            }
            String device = unescape(f[0]);
            String mountPoint = withoutRootfs(unescape(f[1]));
            String fsType = f[2];
            if (mountPointsExclude.matcher(mountPoint).find() || fsTypesExclude.matcher(fsType).find()
                    || !seen.add(mountPoint)) {
                return;
            }
            boolean readOnly = List.of(f[3].split(",")).contains("ro");
            FsStats.Stat stat;
            try {
                stat = stats.stat(paths.root(mountPoint));
            } catch (IOException | RuntimeException e) {
                families.unreadable(readOnly, device, fsType, mountPoint);
                return;
            }
            double block = stat.blockSize();
            families.mount(readOnly, device, fsType, mountPoint, stat.blocks() * block, stat.blocksFree() * block,
                    stat.blocksAvailable() * block, stat.files(), stat.filesFree());
        });
    }

    private Path mounts() {
        Path init = paths.proc("1/mounts");
        return Files.isReadable(init) ? init : paths.proc("self/mounts");
    }

    /** In a container the host's mounts may show up below the rootfs mount; label them as the host sees them. */
    private String withoutRootfs(String mountPoint) {
        String root = paths.rootfs().toString();
        if (root.equals("/") || !mountPoint.startsWith(root)) {
            return mountPoint;
        }
        String rest = mountPoint.substring(root.length());
        return rest.isEmpty() ? "/" : rest.startsWith("/") ? rest : mountPoint;
    }

    /** /proc/mounts writes space, tab, newline and backslash as octal escapes ({@code \040}). */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
