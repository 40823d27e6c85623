package io.hookmeter.stack.dashboards;

import io.hookmeter.harness.Launchers;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The launchers' environment pointing at the jars this Maven run built. With {@code -Dhm.target=X} every module
 * builds into X/ (this class is in stack/X/test-classes), while the launchers default to target/: HOOKMETER_JAR and
 * HOOKMETER_EXPORTER_JAR close that gap. With the default build folder they name the launchers' default jars.
 */
final class BuiltJars {
    private BuiltJars() {
    }

    static Map<String, String> launcherEnv() {
        Map<String, String> env = new HashMap<>();
        Path root = Launchers.repoRoot();
        String folder = buildFolder();
        put(env, "HOOKMETER_JAR", root.resolve("pushgateway-hook").resolve(folder).resolve("hookmeter.jar"));
        put(env, "HOOKMETER_EXPORTER_JAR", root.resolve("exporter").resolve(folder).resolve("hookmeter-exporter.jar"));
        return env;
    }

    private static void put(Map<String, String> env, String name, Path jar) {
        if (Files.isRegularFile(jar)) {
            env.put(name, jar.toString());
        }
    }

    private static String buildFolder() {
        try {
            Path classes = Path.of(BuiltJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent().getFileName().toString();
        } catch (URISyntaxException e) {
            return "target";
        }
    }
}
