package io.hookmeter.hook.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one argument parser of the hook's commands: {@code --name value} or {@code --name=value} options, flags,
 * then positional arguments. Options come first; {@code --} or the first argument that does not start with
 * {@code --} starts the positional part (so {@code exec --name x -- cmd --its-own-option} passes cmd's options on).
 */
public final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {
    }

    /**
     * Parses {@code args} against the declared options, each written as in a usage line: {@code "--name VALUE"}
     * takes a value, {@code "--flag"} none, {@code "--flag[=VALUE]"} an optional one (only as {@code --flag=v}).
     */
    public static Args parse(List<String> args, String... options) throws UsageException {
        Map<String, Kind> known = new HashMap<>();
        for (String option : options) {
            int space = option.indexOf(' ');
            int optional = option.indexOf("[=");
            if (space > 0) {
                known.put(option.substring(0, space), Kind.VALUE);
            } else if (optional > 0) {
                known.put(option.substring(0, optional), Kind.OPTIONAL_VALUE);
            } else {
                known.put(option, Kind.FLAG);
            }
        }
        Args parsed = new Args();
        int i = 0;
        while (i < args.size()) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                i++;
                break;
            }
            if (!arg.startsWith("--")) {
                break;
            }
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            Kind kind = known.get(name);
            if (kind == null) {
                throw new UsageException("unknown option " + name);
            }
            String value;
            if (eq > 0) {
                if (kind == Kind.FLAG) {
                    throw new UsageException(name + " takes no value");
                }
                value = arg.substring(eq + 1);
            } else if (kind == Kind.VALUE) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(name + " needs a value");
                }
                value = args.get(++i);
            } else {
                value = "";
            }
            parsed.values.put(name, value);
            i++;
        }
        parsed.positional.addAll(args.subList(i, args.size()));
        return parsed;
    }

    /** Whether the option or flag was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The option's value; null when it was not given, empty for a flag. */
    public String get(String name) {
        return values.get(name);
    }

    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public String require(String name) throws UsageException {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException(name + " is required");
        }
        return value;
    }

    public List<String> positional() {
        return positional;
    }

    /** The positional arguments, which must number between {@code min} and {@code max}. */
    public List<String> positional(int min, int max) throws UsageException {
        if (positional.size() > max) {
            throw new UsageException("unexpected argument " + positional.get(max));
        }
        if (positional.size() < min) {
            throw new UsageException("missing argument");
        }
        return positional;
    }

    private enum Kind {
        VALUE, FLAG, OPTIONAL_VALUE
    }
}
