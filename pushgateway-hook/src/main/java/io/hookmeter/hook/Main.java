package io.hookmeter.hook;

import io.hookmeter.hook.agent.AgentCommand;
import io.hookmeter.hook.install.InstallCommand;
import io.hookmeter.hook.recording.ExecCommand;
import io.hookmeter.hook.recording.ImportCsvCommand;
import io.hookmeter.hook.recording.RecordCommand;
import io.hookmeter.hook.report.DoctorCommand;
import io.hookmeter.hook.report.ReportCommand;
import io.hookmeter.hook.spool.HookCommand;
import io.hookmeter.hook.spool.PushCommand;
import io.hookmeter.hook.warmup.WarmupCommand;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/**
 * Entry point of the {@code hookmeter} command: dispatches to a subcommand. Each subcommand lives in its own class
 * and is only loaded when used, which keeps {@code hookmeter hook} start-up short.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        if (command.equals("hook")) {
            // Claude Code reads a hook's stdout: nothing may ever reach it, not even from a library.
            PrintStream stderr = System.err;
            System.setOut(stderr);
            Runtime.getRuntime().halt(HookCommand.run(System.in, System.getenv(), stderr));
        }
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        Map<String, String> env = System.getenv();
        int code = switch (command) {
            case "push" -> PushCommand.run(env, System.out, System.err);
            case "agent" -> AgentCommand.run(rest, env, System.out, System.err);
            case "exec" -> ExecCommand.run(rest, env, System.err);
            case "record" -> RecordCommand.run(rest, env, System.err);
            case "import-csv" -> ImportCsvCommand.run(rest, env, System.out, System.err);
            case "report" -> ReportCommand.run(rest, env, System.out, System.err);
            case "doctor" -> DoctorCommand.run(env, System.out);
            case "warmup" -> WarmupCommand.run(System.err);
            case "install" -> new InstallCommand(System.out, System.err, env).run(true, rest);
            case "uninstall" -> new InstallCommand(System.out, System.err, env).run(false, rest);
            case "statusline" -> io.hookmeter.hook.statusline.StatusLineCommand.run(env);
            case "alerts" -> io.hookmeter.hook.alerts.AlertsCommand.run(Arrays.asList(rest), env);
            case "version", "--version" -> {
                System.out.println("hookmeter " + version());
                yield 0;
            }
            case "help", "--help", "-h" -> {
                usage(System.out);
                yield 0;
            }
            default -> {
                System.err.println("hookmeter: unknown command '" + command + "'");
                usage(System.err);
                yield 2;
            }
        };
        System.out.flush();
        System.exit(code);
    }

    public static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private static void usage(PrintStream out) {
        out.println("usage: hookmeter <command> [options]");
        out.println("  hook        hand one Claude Code hook event on stdin to the spool (always exit 0, no output)");
        out.println("  agent       run the resident agent in the foreground; agent start|stop|status (status: 0 running, 3 not)");
        out.println("  exec        --name NAME -- CMD [ARGS...]: run CMD, record its duration and outcome, exit with its code");
        out.println("  record      --name NAME --duration-ms N --outcome success|error|interrupted: record one call");
        out.println("  import-csv  FILE: import a legacy timestamp,cpu_percent,memory_rss,tool_name,event CSV");
        out.println("  push        apply everything handed over so far and push it now (exit 0 only when pushed)");
        out.println("  report      per-tool calls, success rate, mean, p50, p95, last call from the state file [--json]");
        out.println("              and tokens/cost per model [--since 24h|7d]; or --by day|week|month: tokens and");
        out.println("              cost per period from Claude Code's transcripts [--projects DIR] [--json]");
        out.println("  doctor      check Java, state file, Pushgateway, installed hooks, last push (exit 1 on a problem)");
        out.println("  install     merge Hookmeter's hooks into Claude Code's settings.json [--project DIR] [--dry-run]");
        out.println("              [--statusline (replace an existing status line) | --no-statusline]");
        out.println("  uninstall   remove Hookmeter's entries from settings.json [--project DIR] [--dry-run]");
        out.println("  statusline  read Claude Code's status-line JSON on stdin, print one line (always exit 0)");
        out.println("  alerts      list the alerts firing in Alertmanager [--json]");
        out.println("  warmup      (re)make the fast-start cache of the JVM (install does it; run it after a JDK update)");
        out.println("  version     print the version");
        out.println("See docs/hook.md for every command and option.");
    }
}
