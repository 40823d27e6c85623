package io.hookmeter.hook.install;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hookmeter's entries in a Claude Code settings tree: adds them (after removing any old ones, so installing twice
 * changes nothing) and removes them, leaving every other setting and every foreign hook as it was.
 */
final class ClaudeSettings {
    /** Per-tool and per-message events run async: the agent never waits for them. */
    static final List<String> TOOL_EVENTS = List.of("PreToolUse", "PostToolUse", "PostToolUseFailure",
            "PostToolBatch", "PermissionRequest", "PermissionDenied", "MessageDisplay");
    static final List<String> OTHER_EVENTS = List.of("SessionStart", "SessionEnd", "UserPromptSubmit", "Stop",
            "StopFailure", "SubagentStart", "SubagentStop", "PreCompact", "Notification");
    /** Seconds Claude Code waits before killing the hook; our own deadline (2 s) is far below. */
    static final int ASYNC_TIMEOUT = 10;
    static final int SYNC_TIMEOUT = 5;

    /** Our commands: {@code .../hookmeter hook} and {@code .../hookmeter statusline}, quoted or not. */
    private static final Pattern OURS = Pattern.compile("(^|[/\\\\\"'\\s])hookmeter[\"']?\\s+(hook|statusline)(\\s|$)");

    private final String launcher;

    /** @param launcher absolute path of {@code bin/hookmeter} */
    ClaudeSettings(String launcher) {
        this.launcher = launcher;
    }

    String hookCommand() {
        return quoted(launcher) + " hook";
    }

    String statusLineCommand() {
        return quoted(launcher) + " statusline";
    }

    static boolean isOurs(Object command) {
        return command instanceof String text && OURS.matcher(text).find();
    }

    /** Checks the shapes we touch; everything else may be anything. */
    static Map<String, Object> validate(Object root) throws MalformedSettingsException {
        if (!(root instanceof Map<?, ?>)) {
            throw new MalformedSettingsException("the top level is not a JSON object");
        }
        Map<String, Object> settings = map(root);
        Object hooks = settings.get("hooks");
        if (hooks == null) {
            return settings;
        }
        if (!(hooks instanceof Map<?, ?>)) {
            throw new MalformedSettingsException("\"hooks\" is not an object");
        }
        for (Map.Entry<String, Object> event : map(hooks).entrySet()) {
            if (!(event.getValue() instanceof List<?> groups)) {
                throw new MalformedSettingsException("\"hooks\"." + event.getKey() + " is not an array");
            }
            for (Object group : groups) {
                if (!(group instanceof Map<?, ?> g) || !(g.get("hooks") instanceof List<?>)) {
                    throw new MalformedSettingsException("\"hooks\"." + event.getKey()
                            + " has an entry without a \"hooks\" array");
                }
            }
        }
        Object statusLine = settings.get("statusLine");
        if (statusLine != null && !(statusLine instanceof Map<?, ?>)) {
            throw new MalformedSettingsException("\"statusLine\" is not an object");
        }
        return settings;
    }

    /** Removes every Hookmeter entry (hooks and status line); returns how many hook entries went. */
    static int remove(Map<String, Object> settings) {
        int removed = removeHooks(settings);
        if (settings.get("statusLine") instanceof Map<?, ?> statusLine && isOurs(statusLine.get("command"))) {
            settings.remove("statusLine");
        }
        return removed;
    }

    private static int removeHooks(Map<String, Object> settings) {
        if (!(settings.get("hooks") instanceof Map<?, ?>)) {
            return 0;
        }
        Map<String, Object> hooks = map(settings.get("hooks"));
        int removed = 0;
        Iterator<Map.Entry<String, Object>> events = hooks.entrySet().iterator();
        while (events.hasNext()) {
            List<Object> groups = list(events.next().getValue());
            int before = removed;
            Iterator<Object> groupIt = groups.iterator();
            while (groupIt.hasNext()) {
                List<Object> entries = list(map(groupIt.next()).get("hooks"));
                int size = entries.size();
                entries.removeIf(entry -> entry instanceof Map<?, ?> m && isOurs(m.get("command")));
                removed += size - entries.size();
                if (entries.isEmpty() && size > 0) {
                    groupIt.remove();
                }
            }
            if (groups.isEmpty() && removed > before) {
                events.remove();
            }
        }
        if (hooks.isEmpty() && removed > 0) {
            settings.remove("hooks");
        }
        return removed;
    }

    /** What happened to the status line. */
    enum StatusLine { ADDED, REPLACED, KEPT_FOREIGN, LEFT_ALONE }

    /**
     * Adds our hooks for every event (old ones removed first, so a second install changes nothing) and, when
     * {@code offerStatusLine}, our status line where there is none or where it is already ours;
     * {@code replaceStatusLine} also replaces a foreign one.
     */
    StatusLine add(Map<String, Object> settings, boolean offerStatusLine, boolean replaceStatusLine) {
        removeHooks(settings);
        Map<String, Object> hooks = map(settings.computeIfAbsent("hooks", key -> new LinkedHashMap<>()));
        for (String event : TOOL_EVENTS) {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("matcher", "*");
            group.put("hooks", new ArrayList<>(List.of(entry(true))));
            list(hooks.computeIfAbsent(event, e -> new ArrayList<>())).add(group);
        }
        for (String event : OTHER_EVENTS) {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("hooks", new ArrayList<>(List.of(entry(false))));
            list(hooks.computeIfAbsent(event, e -> new ArrayList<>())).add(group);
        }
        if (!offerStatusLine) {
            return StatusLine.LEFT_ALONE;
        }
        Object existing = settings.get("statusLine");
        boolean foreign = existing instanceof Map<?, ?> m && !isOurs(m.get("command"));
        if (foreign && !replaceStatusLine) {
            return StatusLine.KEPT_FOREIGN;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "command");
        line.put("command", statusLineCommand());
        settings.put("statusLine", line);
        return foreign ? StatusLine.REPLACED : StatusLine.ADDED;
    }

    private Map<String, Object> entry(boolean async) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", "command");
        entry.put("command", hookCommand());
        if (async) {
            entry.put("async", Boolean.TRUE);
        }
        entry.put("timeout", new JsonTree.Num(Integer.toString(async ? ASYNC_TIMEOUT : SYNC_TIMEOUT)));
        return entry;
    }

    /** Single-quoted for the shell when the path has anything but plain characters. */
    static String quoted(String path) {
        if (path.matches("[A-Za-z0-9_./:+@=-]+")) {
            return path;
        }
        return "'" + path.replace("'", "'\\''") + "'";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
