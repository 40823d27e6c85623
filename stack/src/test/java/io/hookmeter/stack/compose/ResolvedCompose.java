package io.hookmeter.stack.compose;

import io.hookmeter.harness.Binaries;
import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Commands;
import io.hookmeter.harness.Launchers;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * docker-compose.yml as the real {@code docker-compose} resolves it with the values of .env.example: variables
 * substituted, relative bind sources made absolute. Variables the caller gives win, as a shell's would; every other
 * .env.example key is passed explicitly too, so the developer's own environment cannot leak into the result.
 */
final class ResolvedCompose {
    static final Path ROOT = Launchers.repoRoot();
    static final Path COMPOSE_FILE = ROOT.resolve("docker-compose.yml");
    static final Path ENV_EXAMPLE = ROOT.resolve(".env.example");
    /** Stands in for the one secret .env.example leaves empty on purpose. */
    static final String TEST_PASSWORD = "only-for-the-compose-test";

    private ResolvedCompose() {
    }

    /** {@code docker-compose ... config [extraArgs]} with .env.example plus {@code overrides}. */
    static CommandResult run(Map<String, String> overrides, String... extraArgs) {
        return run(overrides, List.of(), extraArgs);
    }

    /** The same, with {@code overrideFiles} read after docker-compose.yml, as compose reads them. */
    static CommandResult run(Map<String, String> overrides, List<Path> overrideFiles, String... extraArgs) {
        Map<String, String> env = new HashMap<>(ExampleEnv.read(ENV_EXAMPLE));
        env.putAll(overrides);
        List<String> command = new ArrayList<>(List.of(
                Binaries.require(List.of("docker-compose")).toString(),
                "--env-file", ENV_EXAMPLE.toString(), "--project-directory", ROOT.toString(),
                "-f", COMPOSE_FILE.toString()));
        overrideFiles.forEach(file -> command.addAll(List.of("-f", file.toString())));
        command.add("config");
        command.addAll(List.of(extraArgs));
        return Commands.run(command, null, env, ROOT, Duration.ofMinutes(1));
    }

    /** The resolved file, parsed; fails with docker-compose's message when it does not validate. */
    static Map<String, Object> load(Map<String, String> overrides) {
        return load(overrides, List.of());
    }

    static Map<String, Object> load(Map<String, String> overrides, List<Path> overrideFiles) {
        Map<String, String> withPassword = new HashMap<>(Map.of("GF_ADMIN_PASSWORD", TEST_PASSWORD));
        withPassword.putAll(overrides);
        CommandResult result = run(withPassword, overrideFiles);
        if (result.exitCode() != 0) {
            throw new AssertionError("docker-compose config failed\n" + result);
        }
        return new Yaml().load(result.out());
    }

    /**
     * As a fresh clone without .env resolves it: every setting empty, so that each {@code ${VAR:-default}} takes
     * the compose file's own default (a shell's or the developer's .env value cannot leak in either).
     */
    static Map<String, Object> loadFreshClone() {
        Map<String, String> empty = new HashMap<>();
        ExampleEnv.read(ENV_EXAMPLE).keySet().forEach(name -> empty.put(name, ""));
        return load(empty);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services(Map<String, Object> compose) {
        return (Map<String, Map<String, Object>>) compose.get("services");
    }
}
