package io.hookmeter.hook.recording;

import io.hookmeter.hook.spool.RecordFile;
import io.hookmeter.hook.spool.SpoolName;
import io.hookmeter.hook.toolcall.ToolCall;

import java.io.PrintStream;
import java.util.Map;
import java.util.Set;

/**
 * {@code hookmeter record --name NAME --duration-ms N --outcome success|error|interrupted [--exit-code N]
 * [--agent AGENT]}: records one call measured elsewhere.
 */
public final class RecordCommand {
    private RecordCommand() {
    }

    public static int run(String[] args, Map<String, String> env, PrintStream err) {
        ToolCall call;
        try {
            Options options = Options.parse(args, Set.of("--name", "--duration-ms", "--outcome", "--exit-code",
                    "--agent"));
            if (!options.positional().isEmpty()) {
                throw new Options.UsageException("unexpected argument " + options.positional().get(0));
            }
            double millis = number(options.require("--duration-ms"), "--duration-ms");
            if (millis < 0) {
                throw new Options.UsageException("--duration-ms must not be negative");
            }
            String outcome = options.require("--outcome");
            if (!Set.of(ToolCall.SUCCESS, ToolCall.ERROR, ToolCall.INTERRUPTED).contains(outcome)) {
                throw new Options.UsageException("--outcome must be success, error or interrupted");
            }
            Integer exitCode = options.get("--exit-code") == null ? null
                    : (int) number(options.get("--exit-code"), "--exit-code");
            String agent = options.get("--agent") == null ? ToolCall.MAIN_AGENT : options.get("--agent");
            call = new ToolCall(options.require("--name"), outcome, agent, millis / 1000.0,
                    System.currentTimeMillis() / 1000.0, exitCode);
        } catch (Options.UsageException e) {
            err.println("hookmeter record: " + e.getMessage());
            err.println("usage: hookmeter record --name NAME --duration-ms N --outcome success|error|interrupted"
                    + " [--exit-code N] [--agent AGENT]");
            return 2;
        }
        return Recording.handOver(env, err, SpoolName.RECORD, RecordFile.write(call)) ? 0 : 1;
    }

    private static double number(String text, String option) throws Options.UsageException {
        try {
            double value = Double.parseDouble(text);
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new Options.UsageException(option + " must be a number, not '" + text + "'");
        }
    }
}
