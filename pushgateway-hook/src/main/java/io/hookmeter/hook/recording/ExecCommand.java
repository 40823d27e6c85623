package io.hookmeter.hook.recording;

import io.hookmeter.hook.spool.RecordFile;
import io.hookmeter.hook.spool.SpoolName;
import io.hookmeter.hook.toolcall.ToolCall;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.Set;

/**
 * {@code hookmeter exec --name NAME -- CMD ARGS...}: runs CMD with stdin, stdout and stderr passed through, records
 * its duration and outcome under {@code tool=NAME} (exit 0: success; 130/143, i.e. SIGINT/SIGTERM: interrupted;
 * anything else: error, with the exit code counted), and exits with CMD's exit code.
 */
public final class ExecCommand {
    /** Exit status when CMD cannot be started, as a shell reports a missing command. */
    static final int CANNOT_RUN = 127;

    private ExecCommand() {
    }

    public static int run(String[] args, Map<String, String> env, PrintStream err) {
        Options options;
        String name;
        try {
            options = Options.parse(args, Set.of("--name", "--agent"));
            name = options.require("--name");
            if (options.positional().isEmpty()) {
                throw new Options.UsageException("no command given");
            }
        } catch (Options.UsageException e) {
            err.println("hookmeter exec: " + e.getMessage());
            err.println("usage: hookmeter exec --name NAME [--agent AGENT] -- CMD [ARGS...]");
            return 2;
        }
        ignoreInterrupts();
        long start = System.nanoTime();
        int code;
        try {
            Process process = new ProcessBuilder(options.positional()).inheritIO().start();
            code = waitFor(process);
        } catch (IOException e) {
            err.println("hookmeter exec: cannot run " + options.positional().get(0) + ": " + e.getMessage());
            code = CANNOT_RUN;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int exitCode = code;
        String agent = options.get("--agent") == null ? ToolCall.MAIN_AGENT : options.get("--agent");
        Recording.handOver(env, err, SpoolName.RECORD, RecordFile.write(new ToolCall(name, outcome(exitCode), agent,
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
