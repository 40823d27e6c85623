package io.hookmeter.exporter.process;

import io.hookmeter.exporter.procfs.HostPaths;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The process table read straight from /proc: one {@code stat} read per process; the command line only for
 * processes not seen before (the group decision is cached per pid and start time); {@code status}, {@code io} and
 * {@code fd} only for processes that belong to a group.
 */
public final class ProcfsProcessTable implements ProcessTable {
    private static final double USER_HZ = 100.0;
    private static final String NO_GROUP = "";

    private final HostPaths paths;
    private Map<String, String> groupById = new HashMap<>();
    private double bootTime = -1;

    public ProcfsProcessTable(HostPaths paths) {
        this.paths = paths;
    }

    @Override
    public synchronized List<ProcessSample> list(ProcessGroups groups) throws IOException {
        if (bootTime < 0) {
            bootTime = bootTime();
        }
        Map<String, String> nextGroupById = new HashMap<>();
        List<ProcessSample> samples = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(paths.procfs(), ProcfsProcessTable::isPid)) {
            for (Path dir : entries) {
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
                String comm = stat.substring(open + 1, close);
                String[] f = HostPaths.fields(stat.substring(close + 2));
                String id = dir.getFileName() + "/" + f[19];
                String group = groupById.get(id);
                if (group == null) {
                    String found = groups.groupOf(comm, () -> cmdline(dir));
                    group = found == null ? NO_GROUP : found;
                }
                nextGroupById.put(id, group);
                if (!group.equals(NO_GROUP)) {
                    samples.add(sample(dir, group, id, f));
                }
            }
        }
        groupById = nextGroupById;
        return samples;
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
        for (String line : HostPaths.lines(paths.proc("stat"))) {
            if (line.startsWith("btime ")) {
                return Double.parseDouble(line.substring(6).trim());
            }
        }
        throw new IOException("no btime in " + paths.proc("stat"));
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
