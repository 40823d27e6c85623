package io.hookmeter.hook.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Which events of a settings file run Hookmeter's hook (for {@code hookmeter doctor}). */
public final class InstalledHooks {
    private InstalledHooks() {
    }

    /** Every event we install. */
    public static Set<String> expected() {
        Set<String> all = new TreeSet<>(ClaudeSettings.TOOL_EVENTS);
        all.addAll(ClaudeSettings.OTHER_EVENTS);
        return all;
    }

    /** The events whose hooks include ours; empty when the file is missing; an exception when it is malformed. */
    public static Set<String> events(Path settingsFile) throws IOException {
        Set<String> found = new TreeSet<>();
        if (!Files.exists(settingsFile)) {
            return found;
        }
        String text = Files.readString(settingsFile, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return found;
        }
        if (!(JsonTree.parse(text) instanceof Map<?, ?> settings) || !(settings.get("hooks") instanceof Map<?, ?> hooks)) {
            return found;
        }
        for (Map.Entry<?, ?> event : hooks.entrySet()) {
            if (event.getValue() instanceof List<?> groups) {
                for (Object group : groups) {
                    if (group instanceof Map<?, ?> g && g.get("hooks") instanceof List<?> entries) {
                        for (Object entry : entries) {
                            if (entry instanceof Map<?, ?> e && ClaudeSettings.isOurEntry(e)) {
                                found.add(String.valueOf(event.getKey()));
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    /** How our hooks are installed in the file: "command", "http", "mixed", or "none". */
    public static String mode(Path settingsFile) throws IOException {
        Set<String> kinds = new TreeSet<>();
        if (Files.exists(settingsFile)) {
            String text = Files.readString(settingsFile, StandardCharsets.UTF_8);
            if (!text.isBlank() && JsonTree.parse(text) instanceof Map<?, ?> settings
                    && settings.get("hooks") instanceof Map<?, ?> hooks) {
                for (Map.Entry<?, ?> event : hooks.entrySet()) {
                    if (ClaudeSettings.COMMAND_ONLY_EVENT.equals(event.getKey())
                            || !(event.getValue() instanceof List<?> groups)) {
                        continue;
                    }
                    for (Object group : groups) {
                        if (group instanceof Map<?, ?> g && g.get("hooks") instanceof List<?> entries) {
                            for (Object entry : entries) {
                                if (entry instanceof Map<?, ?> e && ClaudeSettings.kind(e) != null) {
                                    kinds.add(ClaudeSettings.kind(e));
                                }
                            }
                        }
                    }
                }
            }
        }
        return kinds.isEmpty() ? "none" : kinds.size() > 1 ? "mixed" : kinds.iterator().next();
    }

    /** The user's settings file: {@code $CLAUDE_CONFIG_DIR/settings.json} or {@code ~/.claude/settings.json}. */
    public static Path userSettings(Map<String, String> env) {
        return InstallCommand.settingsFile(null, env);
    }
}
