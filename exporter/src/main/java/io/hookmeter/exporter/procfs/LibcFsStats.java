package io.hookmeter.exporter.procfs;

import com.sun.jna.Native;
import com.sun.jna.Platform;

import java.io.IOException;
import java.nio.file.Path;

/**
 * statvfs(3) through JNA direct mapping (JNA ships with OSHI): Java's FileStore has no inode counts. Direct mapping
 * into a {@code long[]} instead of JNA's {@code LibC} interface and its {@code Statvfs} structure: no proxy, no
 * reflection on structures, about 1.5 MiB less metaspace in a process meant to be small.
 */
public final class LibcFsStats implements FsStats {
    // struct statvfs on LP64 Linux (x86_64, aarch64, ...): eleven unsigned longs, then int __f_spare[6].
    private static final int F_BSIZE = 0;
    private static final int F_BLOCKS = 2;
    private static final int F_BFREE = 3;
    private static final int F_BAVAIL = 4;
    private static final int F_FILES = 5;
    private static final int F_FFREE = 6;
    private static final int STRUCT_LONGS = 14;

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private static native int statvfs(String path, long[] buffer);

    @Override
    public Stat stat(Path mountPoint) throws IOException {
        if (Native.LONG_SIZE != Long.BYTES) {
            throw new IOException("statvfs: only 64-bit Linux is supported by the procfs backend's filesystem "
                    + "collector (use --collector.backend=oshi)");
        }
        long[] buffer = new long[STRUCT_LONGS];
        if (statvfs(mountPoint.toString(), buffer) != 0) {
            throw new IOException("statvfs " + mountPoint + " failed");
        }
        return new Stat(buffer[F_BSIZE], buffer[F_BLOCKS], buffer[F_BFREE], buffer[F_BAVAIL], buffer[F_FILES],
                buffer[F_FFREE]);
    }
}
