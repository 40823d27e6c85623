package io.hookmeter.hook.recording;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --key value} options followed by positional arguments (everything after {@code --} is positional). */
final class Options {
    private final Map<String, String> values = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Options() {
    }

    /** Parses {@code args}; options must be in {@code known}; the first non-option starts the positional part. */
    static Options parse(String[] args, Set<String> known) throws UsageException {
        Options options = new Options();
        int i = 0;
        while (i < args.length) {
            String arg = args[i];
            if (arg.equals("--")) {
                i++;
                break;
            }
            if (!arg.startsWith("--")) {
                break;
            }
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else {
                if (i + 1 >= args.length) {
                    throw new UsageException(arg + " needs a value");
                }
                value = args[++i];
            }
            if (!known.contains(name)) {
                throw new UsageException("unknown option " + name);
            }
            options.values.put(name, value);
            i++;
        }
        while (i < args.length) {
            options.positional.add(args[i++]);
        }
        return options;
    }

    String get(String name) {
        return values.get(name);
    }

    String require(String name) throws UsageException {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException(name + " is required");
        }
        return value;
    }

    List<String> positional() {
        return positional;
    }

    /** A bad command line: reported with the usage, exit status 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
