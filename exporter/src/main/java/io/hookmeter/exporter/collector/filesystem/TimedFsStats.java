package io.hookmeter.exporter.collector.filesystem;

import io.hookmeter.exporter.procfs.FsStats;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * statfs with a time limit per mount point, like node_exporter's {@code --collector.filesystem.mount-timeout}: a
 * dead NFS server makes its own mount report {@code node_filesystem_device_error 1} while the other mounts are
 * served. A call still hanging from an earlier scrape is not repeated, so a stale mount ties up one thread, not one
 * per scrape.
 */
public final class TimedFsStats implements FsStats {
    private final FsStats delegate;
    private final long timeoutNanos;
    private final Set<Path> hanging = ConcurrentHashMap.newKeySet();
    private final ExecutorService pool = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "statfs");
        thread.setDaemon(true);
        return thread;
    });

    public TimedFsStats(FsStats delegate, Duration timeout) {
        this.delegate = delegate;
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public Stat stat(Path mountPoint) throws IOException {
        if (!hanging.add(mountPoint)) {
            throw new IOException("statfs " + mountPoint + " still hangs from an earlier scrape");
        }
        Future<Stat> call = pool.submit(() -> {
            try {
                return delegate.stat(mountPoint);
            } finally {
                hanging.remove(mountPoint);
            }
        });
        try {
            return call.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IOException("statfs " + mountPoint + " timed out after "
                    + Duration.ofNanos(timeoutNanos).toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
