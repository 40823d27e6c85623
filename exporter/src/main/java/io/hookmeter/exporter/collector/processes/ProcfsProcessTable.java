package io.hookmeter.exporter.collector.processes;

import io.hookmeter.exporter.process.ProcessGroups;
import io.hookmeter.exporter.procfs.HostPaths;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The process table read straight from /proc. A process is looked at closely (its {@code stat}, and its command
 * line when its name does not decide) when it is new, and again every minute while it belongs to no group;
 * group members are read every scrape ({@code stat}, {@code status}, {@code io}, {@code fd}).
 */
public final class ProcfsProcessTable implements ProcessTable {
    private static final double USER_HZ = 100.0;
    private static final String NO_GROUP = "";

    private final HostPaths paths;
    /**
     * A process outside every group is not read again for this long: listing stays one directory read for
     * most processes. The price: a group member that reuses the pid of a just-ended non-member is found late.
     */
    private static final long RECHECK_NANOS = 60_000_000_000L;

    private Map<String, Decision> decisions = new HashMap<>();
    private double bootTime = -1;

    public ProcfsProcessTable(HostPaths paths) {
        this.paths = paths;
    }

    @Override
    public synchronized List<ProcessSample> list(ProcessGroups groups) throws IOException {
        if (bootTime < 0) {
            bootTime = bootTime();
        }
        long now = System.nanoTime();
        Map<String, Decision> next = new HashMap<>();
        List<ProcessSample> samples = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(paths.procfs(), ProcfsProcessTable::isPid)) {
            for (Path dir : entries) {
                String pid = dir.getFileName().toString();
                Decision known = decisions.get(pid);
                if (known != null && known.group.equals(NO_GROUP) && now - known.decidedAt < RECHECK_NANOS) {
                    next.put(pid, known);
                    continue;
                }
                String stat;
                try {
                    stat = HostPaths.read(dir.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < open) {
                    continue;
                }
                String[] f = HostPaths.fields(stat.substring(close + 2));
                String startTime = f[19];
                Decision decision = known;
                if (decision == null || !decision.startTime.equals(startTime) || decision.group.equals(NO_GROUP)) {
                    String found = groups.groupOf(stat.substring(open + 1, close), () -> cmdline(dir));
                    decision = new Decision(found == null ? NO_GROUP : found, startTime, now);
                }
                next.put(pid, decision);
                if (!decision.group.equals(NO_GROUP)) {
                    samples.add(sample(dir, decision.group, pid + "/" + startTime, f));
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            throw HostPaths.failure(paths.procfs(), e);
        }
        decisions = next;
        return samples;
    }

    /** The group of one process (pid and start time), and when that was decided. */
    private record Decision(String group, String startTime, long decidedAt) {
    }

    /** {@code f} holds the stat fields after the command name: f[0] is field 3 (state) of proc(5). */
    private ProcessSample sample(Path dir, String group, String id, String[] f) {
        Map<String, Long> io = keyValues(dir.resolve("io"));
        Map<String, Long> status = keyValues(dir.resolve("status"));
        return new ProcessSample(group, id,
                Long.parseLong(f[11]) / USER_HZ,
                Long.parseLong(f[12]) / USER_HZ,
                status.getOrDefault("VmRSS", 0L) * 1024.0,
                Double.parseDouble(f[20]),
                Double.parseDouble(f[17]),
                countFds(dir),
                io.getOrDefault("read_bytes", -1L),
                io.getOrDefault("write_bytes", -1L),
                bootTime + Long.parseLong(f[19]) / USER_HZ);
    }

    private static String cmdline(Path dir) {
        try {
            return HostPaths.read(dir.resolve("cmdline")).replace('\0', ' ').trim();
        } catch (IOException e) {
            return null;
        }
    }

    private static double countFds(Path dir) {
        int count = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(dir.resolve("fd"))) {
            for (Path ignored : fds) {
                count++;
            }
            return count;
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }

    /** "key: number [kB]" lines (status, io); unreadable files (other users' processes) give an empty map. */
    private static Map<String, Long> keyValues(Path file) {
        Map<String, Long> values = new HashMap<>();
        try {
            for (String line : HostPaths.lines(file)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    String[] f = HostPaths.fields(line.substring(colon + 1));
                    if (f.length > 0 && !f[0].isEmpty() && Character.isDigit(f[0].charAt(0))) {
                        try {
                            values.put(line.substring(0, colon), Long.parseLong(f[0]));
                        } catch (NumberFormatException ignored) {
                            // Not a plain number (a list of ids, say): not a field we read.
                        }
                    }
                }
            }
        } catch (IOException e) {
            return values;
        }
        return values;
    }

    private double bootTime() throws IOException {
        return HostPaths.parse(paths.proc("stat"), text -> {
            for (String line : text.lines().toList()) {
                if (line.startsWith("btime ")) {
                    return Double.parseDouble(line.substring(6).trim());
                }
            }
            throw new IOException("no btime line");
        });
    }

    private static boolean isPid(Path path) {
        String name = path.getFileName().toString();
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return !name.isEmpty();
    }
}
