package io.hookmeter.exporter.collect;

/**
 * One setting of one collector, declared in its registry row: {@code name} {@code device-exclude} of collector
 * {@code netdev} is the flag {@code --collector.netdev.device-exclude} and the config file key
 * {@code collectors.netdev.device_exclude}.
 */
public record Option(String name, Kind kind, String defaultValue) {
    /** How the value is checked and what the collector gets: a compiled Pattern, or a Duration. */
    public enum Kind { REGEX, DURATION }

    public static Option regex(String name, String defaultValue) {
        return new Option(name, Kind.REGEX, defaultValue);
    }

    public static Option duration(String name, String defaultValue) {
        return new Option(name, Kind.DURATION, defaultValue);
    }

    public String flag(String collector) {
        return flagOf(collector, name);
    }

    public static String flagOf(String collector, String name) {
        return "collector." + collector + "." + name;
    }

    public String yamlKey(String collector) {
        return "collectors." + collector + "." + name.replace('-', '_');
    }
}
