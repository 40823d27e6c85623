package io.hookmeter.exporter.config;

/** A bad setting: {@code key} is how the user wrote it (flag, environment variable or config file key). */
public final class ConfigException extends Exception {
    private final String key;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
