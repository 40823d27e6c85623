package io.hookmeter.exporter.config;

import io.hookmeter.exporter.process.ProcessGroup;
import io.hookmeter.exporter.process.ProcessGroups;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code process_groups} list of the config file:
 * <pre>
 * process_groups:
 *   - name: claude            # the groupname label
 *     names: [claude]         # exact process names (Linux comm, or executable name elsewhere)
 *     cmdline: ['@anthropic-ai/claude-code']   # regular expressions searched in the command line
 * </pre>
 */
final class ProcessGroupsYaml {
    private static final Set<String> KEYS = Set.of("name", "names", "cmdline");

    private ProcessGroupsYaml() {
    }

    static ProcessGroups parse(Object value) throws ConfigException {
        if (value == null) {
            return new ProcessGroups(List.of());
        }
        if (!(value instanceof List<?> list)) {
            throw new ConfigException("process_groups", "expected a list of groups");
        }
        List<ProcessGroup> groups = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "process_groups[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw new ConfigException(where, "expected a mapping with name, names and/or cmdline");
            }
            for (Object key : map.keySet()) {
                if (!KEYS.contains(String.valueOf(key))) {
                    throw new ConfigException(where + "." + key, "unknown key (expected name, names, cmdline)");
                }
            }
            Object name = map.get("name");
            if (!(name instanceof String text) || text.isBlank()) {
                throw new ConfigException(where + ".name", "required: the groupname label");
            }
            if (!seen.add(text)) {
                throw new ConfigException(where + ".name", "duplicate group '" + text + "'");
            }
            Set<String> names = new LinkedHashSet<>(strings(where + ".names", map.get("names")));
            List<Pattern> patterns = new ArrayList<>();
            List<String> cmdlines = strings(where + ".cmdline", map.get("cmdline"));
            for (int j = 0; j < cmdlines.size(); j++) {
                try {
                    patterns.add(Pattern.compile(cmdlines.get(j)));
                } catch (PatternSyntaxException e) {
                    throw new ConfigException(where + ".cmdline[" + j + "]", "invalid regular expression: "
                            + e.getDescription());
                }
            }
            if (names.isEmpty() && patterns.isEmpty()) {
                throw new ConfigException(where, "needs names or cmdline to match processes");
            }
            groups.add(new ProcessGroup(text, names, patterns));
        }
        return new ProcessGroups(groups);
    }

    /** A string or a list of strings. */
    private static List<String> strings(String key, Object value) throws ConfigException {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof String s)) {
                    throw new ConfigException(key, "expected strings, got " + item);
                }
                out.add(s);
            }
            return out;
        }
        throw new ConfigException(key, "expected a string or a list of strings");
    }
}
