package io.hookmeter.hook.it;

import io.hookmeter.harness.CommandResult;
import io.hookmeter.harness.Servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Hookmeter home of its own and the environment that points the launcher at it and at a Pushgateway. Events go
 * in by one of the two ways Claude Code hands them over ({@link Way}); {@link #pushed()} is the barrier a script
 * uses ({@code hookmeter push}) before reading the Pushgateway.
 */
final class HookRuns {
    /**
     * Debian's Pushgateway persists to /var/lib/prometheus/pushgateway.data by default, shared by every test's
     * Pushgateway; ours keep metrics in memory only, so "restarted empty" really is empty.
     */
    static final String IN_MEMORY = "--persistence.file=";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** How an event reaches the spool: the command hook's sh fast path, or an http hook's POST /hook. */
    enum Way { COMMAND, HTTP }

    final Path home;
    final String instance;
    final String pushgatewayUrl;
    final Map<String, String> env = new HashMap<>();
    private final Servers servers;
    private final Way way;

    HookRuns(Servers servers, String pushgatewayUrl, String instance) {
        this(servers, pushgatewayUrl, instance, Way.COMMAND);
    }

    HookRuns(Servers servers, String pushgatewayUrl, String instance, Way way) {
        this.servers = servers;
        this.home = servers.directory("home-" + instance.replaceAll("[^A-Za-z0-9]", "_"));
        this.instance = instance;
        this.pushgatewayUrl = pushgatewayUrl;
        this.way = way;
        env.put("HOOKMETER_HOME", home.toString());
        env.put("HOOKMETER_PUSHGATEWAY_URL", pushgatewayUrl);
        env.put("HOOKMETER_INSTANCE", instance);
        env.put("HOOKMETER_AGENT_ADDRESS", "127.0.0.1:0");
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

    /**
     * Hands one event over and checks the promises: for a command hook exit 0 and nothing on stdout; for an http hook
     * 204 with an empty body (a JSON body would be read as a decision).
     */
    CommandResult hook(byte[] stdin) {
        if (way == Way.HTTP) {
            HttpResponse<String> response = post("/hook", stdin);
            assertEquals(204, response.statusCode(), response.body());
            assertEquals("", response.body());
            return new CommandResult(0, new byte[0], new byte[0], Duration.ZERO);
        }
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

    /** {@code hookmeter push} (the barrier: everything handed over is applied and pushed), then the group. */
    Scrape pushed() {
        CommandResult push = run("push");
        assertEquals(0, push.exitCode(), push.toString());
        return Scrape.of(pushgatewayUrl, instance);
    }

    /** A request to this home's agent, started first when it is not running. */
    HttpResponse<String> post(String path, byte[] body) {
        String address = agentAddress();
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address + path))
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The running agent's address, after starting it through the launcher the first time. */
    synchronized String agentAddress() {
        if (agentAddress == null) {
            CommandResult start = run("agent", "start");
            assertEquals(0, start.exitCode(), start.toString());
            try {
                agentAddress = Files.readString(home.resolve("agent.address")).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return agentAddress;
    }

    private String agentAddress;
}
