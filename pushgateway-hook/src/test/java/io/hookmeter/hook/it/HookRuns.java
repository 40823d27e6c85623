package io.hookmeter.hook.it;

import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A Hookmeter home of its own and the environment that points the launcher at it and at a Pushgateway. */
final class HookRuns {
    /**
     * Debian's Pushgateway persists to /var/lib/prometheus/pushgateway.data by default, shared by every test's
     * Pushgateway; ours keep metrics in memory only, so "restarted empty" really is empty.
     */
    static final String IN_MEMORY = "--persistence.file=";

    final Path home;
    final String instance;
    final Map<String, String> env = new HashMap<>();
    private final Servers servers;

    HookRuns(Servers servers, String pushgatewayUrl, String instance) {
        this.servers = servers;
        this.home = servers.directory("home-" + instance.replaceAll("[^A-Za-z0-9]", "_"));
        this.instance = instance;
        env.put("HOOKMETER_HOME", home.toString());
        env.put("HOOKMETER_PUSHGATEWAY_URL", pushgatewayUrl);
        env.put("HOOKMETER_INSTANCE", instance);
    }

    /** Writes config.properties in the home. */
    HookRuns config(String properties) {
        try {
            Files.writeString(home.resolve("config.properties"), properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Runs {@code hookmeter hook} with this stdin and checks the two promises: exit 0, nothing on stdout. */
    CommandResult hook(byte[] stdin) {
        CommandResult result = servers.hookmeter(stdin, env, "hook");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(0, result.stdout().length, "a hook never writes to stdout: " + result);
        return result;
    }

    CommandResult hook(String json) {
        return hook(json.getBytes(StandardCharsets.UTF_8));
    }

    CommandResult run(String... args) {
        return servers.hookmeter(null, env, args);
    }
}
