package io.hookmeter.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and the project's own launchers are. */
public final class Launchers {
    private Launchers() {
    }

    /** The repository root: {@code -Dhookmeter.root}, or the nearest parent of the working directory with .mvn. */
    public static Path repoRoot() {
        String configured = System.getProperty("hookmeter.root");
        if (configured != null && !configured.isBlank() && Files.isDirectory(Path.of(configured, "pushgateway-hook"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("pushgateway-hook")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new AssertionError("cannot find the repository root from " + Path.of("").toAbsolutePath());
    }

    /** {@code pushgateway-hook/bin/hookmeter}. */
    public static Path hookmeter() {
        return existing(repoRoot().resolve("pushgateway-hook/bin/hookmeter"));
    }

    /** {@code exporter/bin/hookmeter-exporter}. */
    public static Path exporter() {
        return existing(repoRoot().resolve("exporter/bin/hookmeter-exporter"));
    }

    /** {@code deploy/team/forwarder}, which runs vmagent for a team store. */
    public static Path forwarder() {
        return existing(repoRoot().resolve("deploy/team/forwarder"));
    }

    private static Path existing(Path launcher) {
        if (!Files.isExecutable(launcher)) {
            throw new AssertionError("launcher missing or not executable: " + launcher);
        }
        return launcher;
    }
}
