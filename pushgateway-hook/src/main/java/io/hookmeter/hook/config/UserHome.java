package io.hookmeter.hook.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The user's home directory as Claude Code and the launcher see it: {@code $HOME} when set, else the JVM's
 * {@code user.home}. The JVM takes {@code user.home} from the password database, not from {@code $HOME}, so with a
 * different {@code $HOME} (sudo -E, containers, CI, a test home) Hookmeter would otherwise write another user's
 * {@code ~/.claude/settings.json} and keep its state apart from the launcher's start-up cache.
 */
public final class UserHome {
    private UserHome() {
    }

    public static Path of(Map<String, String> env) {
        String home = env.get("HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"));
    }
}
