package io.hookmeter.exporter.procfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the host's /proc, /sys and root filesystem are: the real ones, or the host's mounted into a container
 * ({@code --path.procfs=/host/proc}), or fixture trees in tests. Reads are small, whole-file and Latin-1 (kernel
 * files are ASCII; Latin-1 never fails on odd bytes).
 */
public record HostPaths(Path procfs, Path sysfs, Path rootfs) {
    public static final HostPaths DEFAULT = new HostPaths(Path.of("/proc"), Path.of("/sys"), Path.of("/"));

    public Path proc(String relative) {
        return procfs.resolve(relative);
    }

    public Path sys(String relative) {
        return sysfs.resolve(relative);
    }

    /** A path of the host's root filesystem: {@code /etc/os-release} becomes {@code <rootfs>/etc/os-release}. */
    public Path root(String absolute) {
        return rootfs.resolve(absolute.startsWith("/") ? absolute.substring(1) : absolute);
    }

    /** True when this looks like a Linux procfs, so the native-free Linux collectors apply. */
    public boolean isLinuxProcfs() {
        return Files.isReadable(proc("stat")) && Files.isReadable(proc("meminfo"));
    }

    public static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }

    /** The file's first line, trimmed; null when the file is missing or unreadable. */
    public static String readFirstLine(Path file) {
        try {
            String text = read(file);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).trim();
        } catch (IOException e) {
            return null;
        }
    }

    public static List<String> lines(Path file) throws IOException {
        return read(file).lines().toList();
    }

    /** Parses a whole file's text; it may fail, and the failure is then reported with the file's name. */
    @FunctionalInterface
    public interface TextParser<T> {
        T parse(String text) throws Exception;
    }

    /** Handles one line of a file; it may fail, and the failure is then reported with the file's name. */
    @FunctionalInterface
    public interface LineReader {
        void read(String line) throws Exception;
    }

    /** Reads and parses {@code file}; any failure, reading or parsing, names the file: "reading /proc/loadavg: ...". */
    public static <T> T parse(Path file, TextParser<T> parser) throws IOException {
        try {
            return parser.parse(read(file));
        } catch (Exception e) {
            throw failure(file, e);
        }
    }

    /** {@link #parse} line by line. */
    public static void eachLine(Path file, LineReader reader) throws IOException {
        parse(file, text -> {
            for (String line : text.lines().toList()) {
                reader.read(line);
            }
            return null;
        });
    }

    /** "reading FILE: what went wrong", short for the usual causes, for a collector's one-line failure log. */
    public static IOException failure(Path file, Exception cause) {
        String why = cause instanceof NoSuchFileException ? "no such file"
                : cause instanceof AccessDeniedException ? "permission denied"
                : cause.toString();
        IOException failure = failure(file, why);
        failure.initCause(cause);
        return failure;
    }

    public static IOException failure(Path file, String why) {
        return new IOException("reading " + file + ": " + why);
    }

    /** Splits on runs of spaces and tabs, ignoring leading and trailing ones (no regex: this is the hot path). */
    public static String[] fields(String line) {
        List<String> out = new ArrayList<>(24);
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && isBlank(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isBlank(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out.toArray(new String[0]);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n';
    }
}
