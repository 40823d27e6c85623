package io.hookmeter.exporter.procfs;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;

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
public final class FilesystemCollector implements Collector {
    /** The defaults of Debian's node_exporter 1.5, which this project compares itself against. */
    public static final String DEFAULT_MOUNT_POINTS_EXCLUDE =
            "^/(dev|proc|run|sys|mnt|media|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)";
    public static final String DEFAULT_FS_TYPES_EXCLUDE = "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs"
            + "|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs"
            + "|securityfs|selinuxfs|squashfs|sysfs|tracefs)$";
    private static final String[] LABELS = {"device", "fstype", "mountpoint"};

    private final HostPaths paths;
    private final FsStats stats;
    private final Pattern mountPointsExclude;
    private final Pattern fsTypesExclude;

    public FilesystemCollector(HostPaths paths, FsStats stats, Pattern mountPointsExclude, Pattern fsTypesExclude) {
        this.paths = paths;
        this.stats = stats;
        this.mountPointsExclude = mountPointsExclude;
        this.fsTypesExclude = fsTypesExclude;
    }

    @Override
    public String name() {
        return "filesystem";
    }

    @Override
    public void collect(MetricSink out) throws Exception {
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
        for (String line : mounts()) {
            String[] f = HostPaths.fields(line);
            if (f.length < 4) {
                continue;
            }
            String device = unescape(f[0]);
            String mountPoint = withoutRootfs(unescape(f[1]));
            String fsType = f[2];
            if (mountPointsExclude.matcher(mountPoint).find() || fsTypesExclude.matcher(fsType).find()
                    || !seen.add(mountPoint)) {
                continue;
            }
            double ro = List.of(f[3].split(",")).contains("ro") ? 1 : 0;
            readonly.add(ro, device, fsType, mountPoint);
            FsStats.Stat stat;
            try {
                stat = stats.stat(paths.root(mountPoint));
            } catch (IOException | RuntimeException e) {
                error.add(1, device, fsType, mountPoint);
                continue;
            }
            error.add(0, device, fsType, mountPoint);
            double block = stat.blockSize();
            size.add(stat.blocks() * block, device, fsType, mountPoint);
            free.add(stat.blocksFree() * block, device, fsType, mountPoint);
            avail.add(stat.blocksAvailable() * block, device, fsType, mountPoint);
            files.add(stat.files(), device, fsType, mountPoint);
            filesFree.add(stat.filesFree(), device, fsType, mountPoint);
        }
    }

    private List<String> mounts() throws IOException {
        Path init = paths.proc("1/mounts");
        return HostPaths.lines(Files.isReadable(init) ? init : paths.proc("self/mounts"));
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
