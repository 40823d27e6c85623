package io.hookmeter.stack.compose;

import io.hookmeter.harness.Binaries;
import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A script run the way an image runs it: by busybox {@code sh} (the Prometheus images are busybox, Grafana's is
 * Alpine, whose sh is busybox too), with only busybox's applets on PATH, a clean environment, and as the image's
 * user ({@code setpriv}, so the test JVM must run as root, as {@code ./scripts/test} does here).
 */
final class ImageShell {
    /** prom/alertmanager and prom/pushgateway: USER nobody (their Dockerfiles at the pinned tags). */
    static final ImageShell.User NOBODY = new User(65534, 65534);
    /** grafana/grafana 11.x: USER 472, group 0 (GF_UID, GF_GID in its Dockerfile). */
    static final ImageShell.User GRAFANA = new User(472, 0);

    record User(int uid, int gid) {
    }

    private final Path bin;

    /** Links every busybox applet into {@code dir/bin}, and opens {@code dir} to the images' users. */
    ImageShell(Path dir) {
        chmod(dir, "rwxr-xr-x");
        Path busybox = Binaries.find(List.of("busybox")).orElseThrow(() -> new AssertionError(
                "busybox not found on PATH; the entrypoint tests run the scripts with it: apt-get install -y "
                        + "busybox-static (./scripts/test installs it)"));
        bin = dir.resolve("bin");
        try {
            Files.createDirectories(bin);
            CommandResult list = Commands.run(List.of(busybox.toString(), "--list"), Duration.ofSeconds(30));
            for (String applet : list.out().split("\n")) {
                if (!applet.isBlank()) {
                    Files.createSymbolicLink(bin.resolve(applet.strip()), busybox);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** busybox's sh, for a stub's {@code #!} line. */
    Path sh() {
        return bin.resolve("sh");
    }

    /** {@code sh SCRIPT ARGS...} as {@code user} with exactly {@code env} (plus PATH = the applets). */
    CommandResult run(User user, Map<String, String> env, Path script, String... args) {
        Path setpriv = Binaries.find(List.of("setpriv")).orElseThrow(
                () -> new AssertionError("setpriv not found on PATH: apt-get install -y util-linux"));
        List<String> command = new ArrayList<>(List.of(setpriv.toString(), "--reuid=" + user.uid(),
                "--regid=" + user.gid(), "--clear-groups", "--", bin.resolve("env").toString(), "-i",
                "PATH=" + bin));
        env.forEach((name, value) -> command.add(name + "=" + value));
        command.add(sh().toString());
        command.add(script.toString());
        command.addAll(List.of(args));
        return Commands.run(command, null, Map.of(), bin.getParent(), Duration.ofSeconds(30));
    }

    /** A stub COMMAND for an entrypoint: a busybox sh script with {@code body}, runnable by everyone. */
    Path stub(Path file, String body) {
        try {
            Files.writeString(file, "#!" + sh() + "\n" + body);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies the shipped folder {@code shipped} to {@code target} as compose mounts it: readable by everyone, as a
     * clone made under the usual umask 022 is; only the files {@code keep} accepts.
     */
    static Path mount(Path shipped, Path target, java.util.function.Predicate<Path> keep) {
        try (java.util.stream.Stream<Path> files = Files.walk(shipped)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(shipped.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                    chmod(copy, "rwxr-xr-x");
                } else if (keep.test(file)) {
                    Files.copy(file, copy);
                    chmod(copy, "rw-r--r--");
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes {@code path} owned by {@code user}, as a volume the image created is. */
    static void own(Path path, User user) {
        try {
            Files.setAttribute(path, "unix:uid", user.uid());
            Files.setAttribute(path, "unix:gid", user.gid());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void chmod(Path path, String permissions) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
