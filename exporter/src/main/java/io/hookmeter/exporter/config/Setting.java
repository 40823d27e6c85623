package io.hookmeter.exporter.config;

import java.util.Locale;

/**
 * One scalar setting, known by three names: a flag ({@code --collector.timeout}), an environment variable
 * ({@code HOOKMETER_EXPORTER_COLLECTOR_TIMEOUT}, derived from the flag) and a config file key
 * ({@code collectors.timeout}).
 */
public record Setting(String flag, String yamlKey, Kind kind, String defaultValue) {
    public static final String ENV_PREFIX = "HOOKMETER_EXPORTER_";

    /** How a value is checked and parsed. */
    public enum Kind { STRING, BOOL, DURATION, REGEX, ADDRESS, BACKEND }

    public String env() {
        return envOf(flag);
    }

    public static String envOf(String flag) {
        return ENV_PREFIX + flag.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
