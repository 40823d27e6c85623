package io.hookmeter.exporter.process;

import java.util.List;
import java.util.function.Supplier;

/** The configured groups in order; a process belongs to the first group that matches it, like process-exporter. */
public record ProcessGroups(List<ProcessGroup> groups) {
    public ProcessGroups {
        groups = List.copyOf(groups);
    }

    /** The first matching group's name, or null; {@code cmdline} is read at most once. */
    public String groupOf(String processName, Supplier<String> cmdline) {
        Supplier<String> once = new Supplier<>() {
            private String value;
            private boolean read;

            @Override
            public String get() {
                if (!read) {
                    value = cmdline.get();
                    read = true;
                }
                return value;
            }
        };
        for (ProcessGroup group : groups) {
            if (group.matches(processName, once)) {
                return group.name();
            }
        }
        return null;
    }
}
