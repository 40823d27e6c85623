package io.hookmeter.exporter.process;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A named group of processes, as process-exporter's {@code groupname}: a process belongs to it when its name
 * (Linux comm, or executable name) is one of {@code names}, or when its command line matches one of
 * {@code cmdlines} (searched anywhere in the arguments joined by spaces).
 */
public record ProcessGroup(String name, Set<String> names, List<Pattern> cmdlines) {
    /** Claude Code: the native {@code claude} binary, or Node running the npm package (titled {@code claude}). */
    public static final ProcessGroup CLAUDE = new ProcessGroup("claude", Set.of("claude"),
            List.of(Pattern.compile("(^|/)claude( |$)"), Pattern.compile("@anthropic-ai/claude-code")));

    public ProcessGroup {
        names = Set.copyOf(names);
        cmdlines = List.copyOf(cmdlines);
    }

    public boolean needsCmdline() {
        return !cmdlines.isEmpty();
    }

    /** {@code cmdline} is only asked for when the name did not match: reading it costs a file read per process. */
    public boolean matches(String processName, Supplier<String> cmdline) {
        if (names.contains(processName)) {
            return true;
        }
        if (cmdlines.isEmpty()) {
            return false;
        }
        String line = cmdline.get();
        if (line == null || line.isEmpty()) {
            return false;
        }
        for (Pattern pattern : cmdlines) {
            if (pattern.matcher(line).find()) {
                return true;
            }
        }
        return false;
    }
}
