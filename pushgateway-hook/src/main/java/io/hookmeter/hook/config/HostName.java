package io.hookmeter.hook.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The host name for the {@code instance} label, found without a DNS lookup where possible (start-up speed). */
final class HostName {
    private HostName() {
    }

    static String get(Map<String, String> env) {
        try {
            String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!kernel.isEmpty()) {
                return kernel;
            }
        } catch (IOException | RuntimeException ignored) {
            // Not Linux: ask the platform below.
        }
        String windows = env.get("COMPUTERNAME");
        if (windows != null && !windows.isBlank()) {
            return windows;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
