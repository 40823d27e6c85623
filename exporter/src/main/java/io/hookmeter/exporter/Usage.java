package io.hookmeter.exporter;

import io.hookmeter.exporter.config.ConfigLoader;
import io.hookmeter.exporter.config.Setting;

/** The {@code --help} text, generated from the settings table so that it never drifts from the code. */
final class Usage {
    private Usage() {
    }

    static String text() {
        StringBuilder out = new StringBuilder();
        out.append("usage: hookmeter-exporter [flags]\n\n")
                .append("Host metrics with node_exporter's names, process groups and self-health on /metrics.\n")
                .append("Each flag can also be set by its environment variable or its key in the YAML file ")
                .append("given by --config.file\n(precedence: flag, environment, file, default).\n\n")
                .append(String.format("  %-48s %s%n", "--config.file=PATH", "YAML config file ("
                        + Setting.envOf(ConfigLoader.CONFIG_FILE_FLAG) + ")"));
        for (Setting s : ConfigLoader.SETTINGS) {
            String flag = s.kind() == Setting.Kind.BOOL ? "--[no-]" + s.flag() : "--" + s.flag() + "=VALUE";
            out.append(String.format("  %-48s default %s; env %s; file %s%n", flag,
                    s.defaultValue().isEmpty() ? "''" : s.defaultValue(), s.env(), s.yamlKey()));
        }
        out.append(String.format("  %-48s %s%n", "--version", "print the version and exit"));
        out.append("\nProcess groups are configured in the file only (process_groups); see docs/exporter.md.\n");
        return out.toString();
    }
}
