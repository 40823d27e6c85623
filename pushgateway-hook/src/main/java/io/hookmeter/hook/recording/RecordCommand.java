package io.hookmeter.hook.recording;

import io.hookmeter.hook.cli.Args;
import io.hookmeter.hook.cli.Command;
import io.hookmeter.hook.cli.Context;
import io.hookmeter.hook.cli.UsageException;
import io.hookmeter.hook.spool.RecordFile;
import io.hookmeter.hook.spool.SpoolName;
import io.hookmeter.hook.toolcall.ToolCall;

import java.util.List;
import java.util.Set;

/**
 * {@code hookmeter record --name NAME --duration-ms N --outcome success|error|interrupted [--exit-code N]
 * [--agent AGENT]}: records one call measured elsewhere.
 */
public final class RecordCommand implements Command {
    @Override
    public int run(List<String> args, Context context) throws UsageException {
        Args options = Args.parse(args, "--name NAME", "--duration-ms N", "--outcome OUTCOME", "--exit-code N",
                "--agent AGENT");
        options.positional(0, 0);
        double millis = number(options.require("--duration-ms"), "--duration-ms");
        if (millis < 0) {
            throw new UsageException("--duration-ms must not be negative");
        }
        String outcome = options.require("--outcome");
        if (!Set.of(ToolCall.SUCCESS, ToolCall.ERROR, ToolCall.INTERRUPTED).contains(outcome)) {
            throw new UsageException("--outcome must be success, error or interrupted");
        }
        Integer exitCode = options.get("--exit-code") == null ? null
                : (int) number(options.get("--exit-code"), "--exit-code");
        String agent = options.get("--agent", ToolCall.MAIN_AGENT);
        ToolCall call = new ToolCall(options.require("--name"), outcome, agent, millis / 1000.0,
                System.currentTimeMillis() / 1000.0, exitCode);
        return Recording.handOver(context, SpoolName.RECORD, RecordFile.write(call)) ? 0 : 1;
    }

    private static double number(String text, String option) throws UsageException {
        try {
            double value = Double.parseDouble(text);
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a number, not '" + text + "'");
        }
    }
}
