package io.hookmeter.hook.project;

import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.state.CounterFamily;
import io.hookmeter.hook.state.MetricFamily;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.Series;

import java.util.HashSet;
import java.util.Set;

/**
 * The {@code project} label of tool calls, tokens, cost and API requests: the name of the git top-level directory
 * of the event's {@code cwd} ({@link GitTopLevel}). Empty, which means no label at all, when the setting
 * {@code project.enabled} is false or the cwd is absent or not in a git work tree. The values are bounded per state
 * file: once {@code project.max_values} projects are counted, a new one is counted as {@value #OTHER}, and each
 * such update in {@value #OVERFLOW}.
 */
public final class ProjectLabel {
    public static final String LABEL = "project";
    public static final String OTHER = "other";
    public static final String OVERFLOW = "hookmeter_project_overflow_total";
    public static final int DEFAULT_MAX_VALUES = 20;
    /** Longest project name kept: a directory name, so short in practice; longer ones are cut. */
    static final int MAX_LENGTH = 64;
    /** No project label, for the updates that have no cwd (exec, record, CSV imports). */
    public static final String NONE = "";

    private final boolean enabled;
    private final long maxValues;
    private final GitTopLevel git;

    ProjectLabel(boolean enabled, long maxValues, GitTopLevel git) {
        this.enabled = enabled;
        this.maxValues = Math.max(0, maxValues);
        this.git = git;
    }

    /** From {@code project.enabled} (true) and {@code project.max_values} (20); a null config gives the defaults. */
    public static ProjectLabel of(HookConfig config) {
        boolean enabled = config == null || !"false".equalsIgnoreCase(config.get("project.enabled", "true"));
        long max = config == null ? DEFAULT_MAX_VALUES : config.getLong("project.max_values", DEFAULT_MAX_VALUES);
        return new ProjectLabel(enabled, max, GitTopLevel.SHARED);
    }

    /** The label value for an update from {@code cwd} to {@code state}: a project name, {@value #OTHER} or none. */
    public String value(String cwd, MetricsState state) {
        if (!enabled) {
            return NONE;
        }
        String name = git.name(cwd);
        if (name == null) {
            return NONE;
        }
        name = cut(name);
        if (OTHER.equals(name)) {
            return OTHER;
        }
        Set<String> counted = counted(state, name);
        if (counted == null || counted.size() < maxValues) {
            return name;
        }
        overflow(state).inc();
        return OTHER;
    }

    public static CounterFamily overflow(MetricsState state) {
        return state.counter(OVERFLOW, "Updates counted under project=\"other\" because project.max_values projects "
                + "were counted already.");
    }

    /** The projects the state counts, other than {@value #OTHER}; null as soon as {@code name} is among them. */
    private static Set<String> counted(MetricsState state, String name) {
        Set<String> counted = new HashSet<>();
        for (MetricFamily family : state.families()) {
            int index = family.labelNames().indexOf(LABEL);
            if (index < 0) {
                continue;
            }
            for (Series series : family.series()) {
                String value = series.labelValues().get(index);
                if (value.equals(name)) {
                    return null;
                }
                if (!value.isEmpty() && !value.equals(OTHER)) {
                    counted.add(value);
                }
            }
        }
        return counted;
    }

    private static String cut(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_LENGTH) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, MAX_LENGTH));
    }
}
