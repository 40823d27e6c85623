package io.hookmeter.exporter.procfs;

import com.sun.jna.platform.linux.LibC;

import java.io.IOException;
import java.nio.file.Path;

/** statvfs(3) through JNA's direct libc binding (shipped with OSHI): Java's FileStore has no inode counts. */
public final class LibcFsStats implements FsStats {
    @Override
    public Stat stat(Path mountPoint) throws IOException {
        LibC.Statvfs buffer = new LibC.Statvfs();
        if (LibC.INSTANCE.statvfs(mountPoint.toString(), buffer) != 0) {
            throw new IOException("statvfs " + mountPoint + " failed");
        }
        return new Stat(buffer.f_bsize.longValue(), buffer.f_blocks.longValue(), buffer.f_bfree.longValue(),
                buffer.f_bavail.longValue(), buffer.f_files.longValue(), buffer.f_ffree.longValue());
    }
}
