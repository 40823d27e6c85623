package io.hookmeter.hook.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Settings of the {@code hookmeter} command: environment variables first, then {@code config.properties} in the
 * Hookmeter home, then defaults. Other components read their own keys with {@link #get(String)}. Every key can be
 * set in the environment as well: {@code HOOKMETER_} and the key in upper case with dots as underscores
 * ({@code agent.idle_exit_seconds} is {@code HOOKMETER_AGENT_IDLE_EXIT_SECONDS}); the environment wins.
 *
 * <table>
 * <caption>keys of config.properties</caption>
 * <tr><td>pushgateway.url</td><td>overridden by HOOKMETER_PUSHGATEWAY_URL</td></tr>
 * <tr><td>instance</td><td>overridden by HOOKMETER_INSTANCE</td></tr>
 * <tr><td>agent.address</td><td>where the agent listens (127.0.0.1:9096)</td></tr>
 * <tr><td>agent.idle_exit_seconds, agent.transcript_reread_ms</td><td>agent idle exit (43200), second transcript
 * read after Stop (5000)</td></tr>
 * <tr><td>spool.max_events</td><td>bound of the spool (50000)</td></tr>
 * <tr><td>push.enabled, push.connect_timeout_ms, push.timeout_ms, push.breaker_open_ms</td>
 * <td>push switch, timeouts, circuit breaker pause</td></tr>
 * <tr><td>push.username, push.password(_file), push.bearer_token(_file)</td><td>Pushgateway authentication</td></tr>
 * <tr><td>day.timezone</td><td>where "today" starts (UTC); overridden by HOOKMETER_DAY_TIMEZONE</td></tr>
 * <tr><td>project.enabled, project.max_values</td><td>the project label (true), projects per state file (20)</td></tr>
 * </table>
 */
public final class HookConfig {
    /** Keys are a handful of constants, looked up for every event the agent applies. */
    private static final Map<String, String> ENV_NAMES = new java.util.concurrent.ConcurrentHashMap<>();
    public static final String FILE = "config.properties";
    public static final String DEFAULT_PUSHGATEWAY_URL = "http://localhost:9091";
    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 300;
    public static final int DEFAULT_TIMEOUT_MS = 800;
    public static final long DEFAULT_BREAKER_OPEN_MS = io.hookmeter.hook.push.CircuitBreaker.OPEN_MILLIS;

    private final Map<String, String> env;
    private final Path home;
    private final Properties file;
    private final String fileProblem;

    private HookConfig(Map<String, String> env, Path home, Properties file, String fileProblem) {
        this.env = env;
        this.home = home;
        this.file = file;
        this.fileProblem = fileProblem;
    }

    /** Reads the configuration; a broken config file is reported by {@link #problem()}, never thrown. */
    public static HookConfig load(Map<String, String> env) {
        Path home = home(env);
        Properties properties = new Properties();
        String problem = null;
        try (Reader reader = Files.newBufferedReader(home.resolve(FILE), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            // No config file: defaults.
        } catch (IOException | IllegalArgumentException e) {
            problem = "cannot read " + home.resolve(FILE) + ": " + e.getMessage();
        }
        return new HookConfig(env, home, properties, problem);
    }

    static Path home(Map<String, String> env) {
        String configured = env.get("HOOKMETER_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return UserHome.of(env).resolve(".hookmeter");
    }

    public Path home() {
        return home;
    }

    /** What was wrong with the config file, or null. */
    public String problem() {
        return fileProblem;
    }

    /** A setting (trimmed) from the environment ({@link #envName}) or the config file, or null. */
    public String get(String key) {
        String value = env.get(envName(key));
        if (value == null || value.isBlank()) {
            value = file.getProperty(key);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The environment variable that overrides a config key: {@code a.b_c} is {@code HOOKMETER_A_B_C}. */
    public static String envName(String key) {
        return ENV_NAMES.computeIfAbsent(key,
                k -> "HOOKMETER_" + k.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
    }

    /** Every config file entry whose key starts with {@code prefix}, keyed by the rest of the key (e.g. prices). */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> found = new java.util.TreeMap<>();
        for (String key : file.stringPropertyNames()) {
            String value = get(key);
            if (key.startsWith(prefix) && key.length() > prefix.length() && value != null) {
                found.put(key.substring(prefix.length()), value);
            }
        }
        return found;
    }

    public String get(String key, String fallback) {
        String value = get(key);
        return value == null ? fallback : value;
    }

    /** A whole number from the config file; the fallback when absent or not a number. */
    public long getLong(String key, long fallback) {
        String value = get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public String pushgatewayUrl() {
        String url = envOr("HOOKMETER_PUSHGATEWAY_URL", get("pushgateway.url", DEFAULT_PUSHGATEWAY_URL));
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String instance() {
        return envOr("HOOKMETER_INSTANCE", get("instance", HostName.get(env)));
    }

    /**
     * The time zone whose midnight starts "today" (today's cost in the status line, {@code hookmeter report --by
     * day}): a zone id ({@code Europe/Berlin}) or offset ({@code +02:00}); UTC when unset or not a zone, like the
     * day boundary of prometheus/rules/budget.yml by default.
     */
    public java.time.ZoneId dayZone() {
        String zone = envOr("HOOKMETER_DAY_TIMEZONE", get("day.timezone"));
        if (zone == null) {
            return java.time.ZoneOffset.UTC;
        }
        try {
            return java.time.ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            return java.time.ZoneOffset.UTC;
        }
    }

    public String user() {
        return System.getProperty("user.name", "unknown");
    }

    public boolean pushEnabled() {
        return !"false".equalsIgnoreCase(get("push.enabled", "true"));
    }

    public int connectTimeoutMillis() {
        return (int) Math.max(10, getLong("push.connect_timeout_ms", DEFAULT_CONNECT_TIMEOUT_MS));
    }

    public int timeoutMillis() {
        return (int) Math.max(10, getLong("push.timeout_ms", DEFAULT_TIMEOUT_MS));
    }

    /** How long the circuit breaker stays open after 3 failed pushes (15 s). */
    public long breakerOpenMillis() {
        return Math.max(0, getLong("push.breaker_open_ms", DEFAULT_BREAKER_OPEN_MS));
    }

    /** The {@code Authorization} header value for pushes, or null. */
    public String authorization() throws IOException {
        String token = secret("push.bearer_token");
        if (token != null) {
            return "Bearer " + token;
        }
        String username = get("push.username");
        if (username != null) {
            String password = secret("push.password");
            String pair = username + ":" + (password == null ? "" : password);
            return "Basic " + java.util.Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    /** {@code key}, or the first line of the file named by {@code key_file} (keeps secrets out of the config). */
    private String secret(String key) throws IOException {
        String value = get(key);
        if (value != null) {
            return value;
        }
        String path = get(key + "_file");
        if (path == null) {
            return null;
        }
        String content = Files.readString(Path.of(path), StandardCharsets.UTF_8).strip();
        int newline = content.indexOf('\n');
        return newline < 0 ? content : content.substring(0, newline).strip();
    }

    private String envOr(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
