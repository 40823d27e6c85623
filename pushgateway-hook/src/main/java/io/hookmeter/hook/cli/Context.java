package io.hookmeter.hook.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/** What a command may use of the process it runs in: its standard streams and its environment. */
public record Context(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
}
