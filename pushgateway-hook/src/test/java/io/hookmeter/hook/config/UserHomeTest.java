package io.hookmeter.hook.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UserHomeTest {
    @Test
    void homeComesFromTheHomeVariableLikeClaudeCodeAndTheLauncher() {
        assertEquals(Path.of("/tmp/someone"), UserHome.of(Map.of("HOME", "/tmp/someone")));
        assertEquals(Path.of("/tmp/someone/.hookmeter"), HookConfig.home(Map.of("HOME", "/tmp/someone")));
    }

    @Test
    void withoutHomeTheJvmsUserHomeIsUsed() {
        Path jvm = Path.of(System.getProperty("user.home"));
        assertEquals(jvm, UserHome.of(Map.of()));
        assertEquals(jvm, UserHome.of(Map.of("HOME", " ")));
    }

    @Test
    void hookmeterHomeStillWinsOverHome() {
        assertEquals(Path.of("/srv/hm"),
                HookConfig.home(Map.of("HOME", "/tmp/someone", "HOOKMETER_HOME", "/srv/hm")));
    }
}
