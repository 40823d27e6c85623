package io.hookmeter.exporter.config;

import io.hookmeter.exporter.collect.CollectorSpec;
import io.hookmeter.exporter.collect.Option;
import io.hookmeter.exporter.collector.Registry;
import io.hookmeter.exporter.procfs.HostPaths;
import io.hookmeter.exporter.process.ProcessGroup;
import io.hookmeter.exporter.process.ProcessGroups;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Builds the {@link ExporterConfig} from, in rising precedence: defaults, the YAML config file
 * ({@code --config.file} or {@code HOOKMETER_EXPORTER_CONFIG_FILE}), {@code HOOKMETER_EXPORTER_*} environment
 * variables, and flags. Every problem is a {@link ConfigException} naming the key as the user wrote it.
 */
public final class ConfigLoader {
    public static final String CONFIG_FILE_FLAG = "config.file";

    public static final List<Setting> SETTINGS = settings();

    private ConfigLoader() {
    }

    private static List<Setting> settings() {
        List<Setting> all = new ArrayList<>(List.of(
                new Setting("web.listen-address", "web.listen_address", Setting.Kind.ADDRESS, ":9101"),
                new Setting("web.disable-exporter-metrics", "web.disable_exporter_metrics", Setting.Kind.BOOL,
                        "false"),
                new Setting("path.procfs", "path.procfs", Setting.Kind.STRING, "/proc"),
                new Setting("path.sysfs", "path.sysfs", Setting.Kind.STRING, "/sys"),
                new Setting("path.rootfs", "path.rootfs", Setting.Kind.STRING, "/"),
                new Setting("collector.backend", "collectors.backend", Setting.Kind.BACKEND, "auto"),
                new Setting("collector.timeout", "collectors.timeout", Setting.Kind.DURATION, "5s")));
        for (CollectorSpec collector : Registry.ALL) {
            for (Option option : collector.options()) {
                all.add(new Setting(option.flag(collector.name()), option.yamlKey(collector.name()),
                        option.kind() == Option.Kind.REGEX ? Setting.Kind.REGEX : Setting.Kind.DURATION,
                        option.defaultValue()));
            }
        }
        for (CollectorSpec collector : Registry.ALL) {
            all.add(new Setting("collector." + collector.name(), "collectors." + collector.name() + ".enabled",
                    Setting.Kind.BOOL, String.valueOf(collector.enabledByDefault())));
        }
        return List.copyOf(all);
    }

    /** A raw value and the name it was given under, for error messages. */
    private record Raw(String value, String key) {
    }

    public static ExporterConfig load(List<String> args, Map<String, String> env) throws ConfigException {
        Map<String, Raw> flags = parseFlags(args);
        Map<String, Raw> values = new HashMap<>();
        for (Setting s : SETTINGS) {
            values.put(s.flag(), new Raw(s.defaultValue(), "default of --" + s.flag()));
        }
        ProcessGroups groups = new ProcessGroups(List.of(ProcessGroup.CLAUDE));
        Raw file = flags.containsKey(CONFIG_FILE_FLAG) ? flags.get(CONFIG_FILE_FLAG)
                : env.containsKey(Setting.envOf(CONFIG_FILE_FLAG))
                ? new Raw(env.get(Setting.envOf(CONFIG_FILE_FLAG)), Setting.envOf(CONFIG_FILE_FLAG)) : null;
        if (file != null) {
            Map<String, Object> yaml = readYaml(file);
            if (yaml.containsKey("process_groups")) {
                groups = ProcessGroupsYaml.parse(yaml.remove("process_groups"));
            }
            values.putAll(fromYaml(yaml));
        }
        for (Setting s : SETTINGS) {
            String fromEnv = env.get(s.env());
            if (fromEnv != null) {
                values.put(s.flag(), new Raw(fromEnv, s.env()));
            }
        }
        values.putAll(flags);
        values.remove(CONFIG_FILE_FLAG);
        return build(values, groups);
    }

    private static ExporterConfig build(Map<String, Raw> v, ProcessGroups groups) throws ConfigException {
        Set<String> enabled = new LinkedHashSet<>();
        Map<String, Object> collectorSettings = new HashMap<>();
        for (CollectorSpec collector : Registry.ALL) {
            if (bool(v.get("collector." + collector.name()))) {
                enabled.add(collector.name());
            }
            for (Option option : collector.options()) {
                Raw raw = v.get(option.flag(collector.name()));
                collectorSettings.put(option.flag(collector.name()),
                        option.kind() == Option.Kind.REGEX ? regex(raw) : duration(raw));
            }
        }
        return new ExporterConfig(
                ListenAddress.parse(v.get("web.listen-address").key, v.get("web.listen-address").value),
                !bool(v.get("web.disable-exporter-metrics")),
                new HostPaths(path(v.get("path.procfs")), path(v.get("path.sysfs")), path(v.get("path.rootfs"))),
                enabled,
                backend(v.get("collector.backend")),
                duration(v.get("collector.timeout")),
                collectorSettings,
                groups);
    }

    /** {@code --name=value}, {@code --name value}, and boolean {@code --collector.X} / {@code --no-collector.X}. */
    private static Map<String, Raw> parseFlags(List<String> args) throws ConfigException {
        Map<String, Setting> byFlag = new HashMap<>();
        SETTINGS.forEach(s -> byFlag.put(s.flag(), s));
        Map<String, Raw> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new ConfigException(arg, "unexpected argument (flags look like --name=value)");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            boolean negated = name.startsWith("no-") && byFlag.containsKey(name.substring(3));
            Setting setting = byFlag.get(negated ? name.substring(3) : name);
            if (setting == null && !name.equals(CONFIG_FILE_FLAG)) {
                throw new ConfigException("--" + name, "unknown flag (see --help)");
            }
            String value;
            if (setting != null && setting.kind() == Setting.Kind.BOOL && eq < 0) {
                value = negated ? "false" : "true";
            } else if (negated) {
                throw new ConfigException("--" + name, "takes no value");
            } else if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new ConfigException("--" + name, "needs a value");
            }
            flags.put(setting == null ? CONFIG_FILE_FLAG : setting.flag(), new Raw(value, "--" + name));
        }
        return flags;
    }

    private static Map<String, Object> readYaml(Raw file) throws ConfigException {
        // A key given twice is an error, not "the last one wins" (SnakeYAML 2.4+ would only log a warning).
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object document;
        try (Reader reader = Files.newBufferedReader(Path.of(file.value), StandardCharsets.UTF_8)) {
            document = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (IOException e) {
            throw new ConfigException(file.key, "cannot read " + file.value + " (" + e.getMessage() + ")");
        } catch (YAMLException e) {
            throw new ConfigException(file.key, file.value + " is not valid YAML: "
                    + e.getMessage().replaceAll("\\s+", " "));
        }
        if (document == null) {
            return new LinkedHashMap<>();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new ConfigException(file.key, file.value + " must be a YAML mapping");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, val) -> copy.put(String.valueOf(k), val));
        return copy;
    }

    /** Flattens nested mappings to dotted keys and maps them to settings; unknown keys are errors. */
    private static Map<String, Raw> fromYaml(Map<String, Object> yaml) throws ConfigException {
        Map<String, Setting> byKey = new HashMap<>();
        for (Setting s : SETTINGS) {
            byKey.put(s.yamlKey(), s);
            if (s.yamlKey().endsWith(".enabled")) {
                // Shorthand: "collectors: {hwmon: false}" as well as "collectors: {hwmon: {enabled: false}}".
                byKey.put(s.yamlKey().substring(0, s.yamlKey().length() - ".enabled".length()), s);
            }
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", yaml, flat);
        Map<String, Raw> values = new HashMap<>();
        for (Map.Entry<String, Object> entry : flat.entrySet()) {
            Setting setting = byKey.get(entry.getKey());
            if (setting == null) {
                throw new ConfigException(entry.getKey(), "unknown key in the config file");
            }
            if (entry.getValue() == null || entry.getValue() instanceof List) {
                throw new ConfigException(entry.getKey(), "expected a single value");
            }
            values.put(setting.flag(), new Raw(String.valueOf(entry.getValue()), entry.getKey()));
        }
        return values;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> out) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, out);
            } else {
                out.put(key, entry.getValue());
            }
        }
    }

    private static Path path(Raw raw) throws ConfigException {
        if (raw.value.isBlank()) {
            throw new ConfigException(raw.key, "must not be empty");
        }
        return Path.of(raw.value);
    }

    private static boolean bool(Raw raw) throws ConfigException {
        return switch (raw.value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(raw.key, "expected true or false, got '" + raw.value + "'");
        };
    }

    private static ExporterConfig.Backend backend(Raw raw) throws ConfigException {
        try {
            return ExporterConfig.Backend.valueOf(raw.value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(raw.key, "expected auto, procfs or oshi, got '" + raw.value + "'");
        }
    }

    private static Pattern regex(Raw raw) throws ConfigException {
        try {
            return Pattern.compile(raw.value);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(raw.key, "invalid regular expression '" + raw.value + "': "
                    + e.getDescription());
        }
    }

    /** {@code 5s}, {@code 500ms}, {@code 1m}, or a plain number of seconds; must be positive. */
    static Duration duration(Raw raw) throws ConfigException {
        var m = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)(ms|s|m)?$").matcher(raw.value.trim());
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double millis = amount * (unit.equals("ms") ? 1 : unit.equals("s") ? 1000 : 60_000);
            if (millis >= 1) {
                return Duration.ofMillis((long) millis);
            }
        }
        throw new ConfigException(raw.key, "expected a positive duration like 5s or 500ms, got '" + raw.value + "'");
    }
}
