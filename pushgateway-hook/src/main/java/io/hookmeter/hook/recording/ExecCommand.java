package io.hookmeter.hook.recording;

import io.hookmeter.hook.cli.Args;
import io.hookmeter.hook.cli.Command;
import io.hookmeter.hook.cli.Context;
import io.hookmeter.hook.cli.UsageException;
import io.hookmeter.hook.spool.RecordFile;
import io.hookmeter.hook.spool.SpoolName;
import io.hookmeter.hook.toolcall.ToolCall;

import java.io.IOException;
import java.util.List;

/**
 * {@code hookmeter exec --name NAME -- CMD ARGS...}: runs CMD with stdin, stdout and stderr passed through, records
 * its duration and outcome under {@code tool=NAME} (exit 0: success; 130/143, i.e. SIGINT/SIGTERM: interrupted;
 * anything else: error, with the exit code counted), and exits with CMD's exit code. CMD gets the process's own
 * standard streams (inherited), not the context's.
 */
public final class ExecCommand implements Command {
    /** Exit status when CMD cannot be started, as a shell reports a missing command. */
    static final int CANNOT_RUN = 127;

    @Override
    public int run(List<String> args, Context context) throws UsageException {
        Args options = Args.parse(args, "--name NAME", "--agent AGENT");
        String name = options.require("--name");
        if (options.positional().isEmpty()) {
            throw new UsageException("no command given");
        }
        ignoreInterrupts();
        long start = System.nanoTime();
        int code;
        try {
            Process process = new ProcessBuilder(options.positional()).inheritIO().start();
            code = waitFor(process);
        } catch (IOException e) {
            context.err().println("hookmeter exec: cannot run " + options.positional().get(0) + ": " + e.getMessage());
            code = CANNOT_RUN;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int exitCode = code;
        String agent = options.get("--agent", ToolCall.MAIN_AGENT);
        Recording.handOver(context, SpoolName.RECORD, RecordFile.write(new ToolCall(name, outcome(exitCode), agent,
                seconds, System.currentTimeMillis() / 1000.0, exitCode)));
        return code;
    }

    static String outcome(int exitCode) {
        if (exitCode == 0) {
            return ToolCall.SUCCESS;
        }
        return exitCode == 130 || exitCode == 143 ? ToolCall.INTERRUPTED : ToolCall.ERROR;
    }

    private static int waitFor(Process process) {
        while (true) {
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                // Keep waiting: the command decides when it is done.
            }
        }
    }

    /**
     * Ctrl-C reaches the whole foreground process group: the command handles it, and we stay alive to record the
     * interrupted run and pass its exit status on.
     */
    @SuppressWarnings("removal")
    private static void ignoreInterrupts() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> { });
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // No SIGINT on this platform: nothing to ignore.
        }
    }
}
