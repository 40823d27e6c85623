package io.hookmeter.exporter.procfs;

import java.io.IOException;
import java.nio.file.Path;

/** statfs(2) of a mount point; an interface so that tests can feed fixed numbers. */
public interface FsStats {
    Stat stat(Path mountPoint) throws IOException;

    /** The statfs fields node_exporter reads; sizes are in blocks of {@code blockSize} bytes. */
    record Stat(long blockSize, long blocks, long blocksFree, long blocksAvailable, long files, long filesFree) {
    }
}
