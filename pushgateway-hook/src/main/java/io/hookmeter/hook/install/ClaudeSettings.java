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
    /** Per-tool and per-message events: installed with the matcher {@code *}. */
    static final List<String> TOOL_EVENTS = List.of("PreToolUse", "PostToolUse", "PostToolUseFailure",
            "PostToolBatch", "PermissionRequest", "PermissionDenied", "MessageDisplay");
    static final List<String> OTHER_EVENTS = List.of("SessionStart", "SessionEnd", "UserPromptSubmit", "Stop",
            "StopFailure", "SubagentStart", "SubagentStop", "PreCompact", "Notification");
    /**
     * Seconds Claude Code waits for a command hook before killing it. The hook only spools (milliseconds) and is
     * synchronous: async hooks still running are killed when {@code claude -p} exits, and their events lost.
     */
    static final int COMMAND_TIMEOUT = 5;
    /** An http hook's timeout: the agent answers from memory and a local write. */
    static final int HTTP_TIMEOUT = 2;
    /** Claude Code accepts only command hooks here; with {@code --http} it also makes sure the agent runs. */
    static final String COMMAND_ONLY_EVENT = "SessionStart";
    /** The launcher's option that makes a hook wait until the agent it starts listens. */
    static final String AWAIT_AGENT = "--await-agent";

    /** Our http hooks: POST /hook of an agent on loopback. */
    private static final Pattern OUR_URL = Pattern.compile("^http://(127\\.0\\.0\\.1|localhost|\\[::1\\]):[0-9]+/hook$");

    /** Our commands: {@code .../hookmeter hook} and {@code .../hookmeter statusline}, quoted or not. */
    private static final Pattern OURS = Pattern.compile("(^|[/\\\\\"'\\s])hookmeter[\"']?\\s+(hook|statusline)(\\s|$)");

    private final String launcher;
    private final String agentUrl;

    /**
     * @param launcher absolute path of {@code bin/hookmeter}
     * @param agentUrl the agent's {@code POST /hook} URL for {@code type: "http"} hooks, or null for command hooks
     */
    ClaudeSettings(String launcher, String agentUrl) {
        this.launcher = launcher;
        this.agentUrl = agentUrl;
    }

    String hookCommand() {
        return quoted(launcher) + " hook";
    }

    /**
     * The command hook for {@code event}. With http hooks, SessionStart's waits for the agent it starts: the
     * session's next event is an http hook, which has no spool to fall back on when nothing listens yet.
     */
    String commandHook(String event) {
        return agentUrl != null && event.equals(COMMAND_ONLY_EVENT) ? hookCommand() + " " + AWAIT_AGENT
                : hookCommand();
    }

    String statusLineCommand() {
        return quoted(launcher) + " statusline";
    }

    static boolean isOurs(Object command) {
        return command instanceof String text && OURS.matcher(text).find();
    }

    /** A hook entry of ours: our command, or an http hook to an agent on loopback. */
    static boolean isOurEntry(Map<?, ?> entry) {
        return isOurs(entry.get("command")) || (entry.get("url") instanceof String url && OUR_URL.matcher(url).matches());
    }

    /** "http" when the entry is an http hook of ours, "command" when a command hook of ours, else null. */
    static String kind(Map<?, ?> entry) {
        if (!isOurEntry(entry)) {
            return null;
        }
        return "http".equals(entry.get("type")) ? "http" : "command";
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
                entries.removeIf(entry -> entry instanceof Map<?, ?> m && isOurEntry(m));
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
            group.put("hooks", new ArrayList<>(List.of(entry(event))));
            list(hooks.computeIfAbsent(event, e -> new ArrayList<>())).add(group);
        }
        for (String event : OTHER_EVENTS) {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("hooks", new ArrayList<>(List.of(entry(event))));
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

    private Map<String, Object> entry(String event) {
        Map<String, Object> entry = new LinkedHashMap<>();
        if (agentUrl != null && !event.equals(COMMAND_ONLY_EVENT)) {
            entry.put("type", "http");
            entry.put("url", agentUrl);
            entry.put("timeout", new JsonTree.Num(Integer.toString(HTTP_TIMEOUT)));
            return entry;
        }
        entry.put("type", "command");
        entry.put("command", commandHook(event));
        entry.put("timeout", new JsonTree.Num(Integer.toString(COMMAND_TIMEOUT)));
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
