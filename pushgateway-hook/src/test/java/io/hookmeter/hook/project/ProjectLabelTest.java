package io.hookmeter.hook.project;

import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.state.CounterFamily;
import io.hookmeter.hook.state.MetricsState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProjectLabelTest {

    private static String repo(Path dir, String name) throws Exception {
        Path top = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(top.resolve(".git"));
        return top.toString();
    }

    private static HookConfig config(Path home, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("HOOKMETER_HOME", home.toString());
        return HookConfig.load(all);
    }

    @Test
    void theProjectIsTheTopLevelNameAndNothingOutsideAWorkTree(@TempDir Path dir) throws Exception {
        ProjectLabel projects = ProjectLabel.of(config(dir, Map.of()));
        MetricsState state = new MetricsState();
        assertEquals("shop", projects.value(repo(dir, "shop") + "/src", state));
        assertEquals("", projects.value(dir.toString(), state));
        assertEquals("", projects.value(null, state));
    }

    @Test
    void pastTheBoundNewProjectsAreOtherAndCounted(@TempDir Path dir) throws Exception {
        ProjectLabel projects = ProjectLabel.of(config(dir, Map.of("HOOKMETER_PROJECT_MAX_VALUES", "2")));
        MetricsState state = new MetricsState();
        CounterFamily cost = state.counter("hookmeter_cost_usd_total", "Cost.", "model", "project");
        for (String name : new String[] {"a", "b"}) {
            cost.inc(1, "opus", projects.value(repo(dir, name), state));
        }
        cost.inc(1, "opus", "");
        assertEquals("other", projects.value(repo(dir, "c"), state));
        cost.inc(1, "opus", "other");
        assertEquals("other", projects.value(repo(dir, "d"), state), "other does not use up a place");
        assertEquals("a", projects.value(dir.resolve("a").toString(), state), "counted projects stay");
        assertEquals("b", projects.value(dir.resolve("b").toString(), state));
        assertEquals(2, ProjectLabel.overflow(state).value());
        assertEquals("c", projects.value(dir.resolve("c").toString(), new MetricsState()),
                "the bound is per state file");
    }

    @Test
    void projectsInAnyFamilyWithTheLabelCountTowardsTheBound(@TempDir Path dir) throws Exception {
        ProjectLabel projects = ProjectLabel.of(config(dir, Map.of("HOOKMETER_PROJECT_MAX_VALUES", "1")));
        MetricsState state = new MetricsState();
        state.histogram("hookmeter_tool_duration_seconds", "D.", new double[] {1}, "tool", "outcome", "agent",
                "project").observe(0.1, "Bash", "success", "main", projects.value(repo(dir, "a"), state));
        assertEquals("other", projects.value(repo(dir, "b"), state));
    }

    @Test
    void switchedOffThereIsNoProject(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(HookConfig.FILE), "project.enabled=false\n");
        assertEquals("", ProjectLabel.of(config(dir, Map.of())).value(repo(dir, "shop"), new MetricsState()));
        assertEquals("", ProjectLabel.of(config(dir, Map.of("HOOKMETER_PROJECT_ENABLED", "FALSE")))
                .value(repo(dir, "shop"), new MetricsState()));
        assertEquals("shop", ProjectLabel.of(config(dir, Map.of("HOOKMETER_PROJECT_ENABLED", "true")))
                .value(repo(dir, "shop"), new MetricsState()), "the environment wins over the file");
    }

    @Test
    void longNamesAreCutAndAProjectCalledOtherIsOther(@TempDir Path dir) throws Exception {
        ProjectLabel projects = ProjectLabel.of(config(dir, Map.of()));
        String longName = "x".repeat(70) + "é";
        assertEquals("x".repeat(64), projects.value(repo(dir, longName), new MetricsState()));
        assertEquals("other", projects.value(repo(dir, "other"), new MetricsState()));
    }
}
