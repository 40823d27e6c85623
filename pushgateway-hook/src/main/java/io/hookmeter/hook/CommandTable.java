package io.hookmeter.hook;

import io.hookmeter.hook.agent.AgentCommand;
import io.hookmeter.hook.alerts.AlertsCommand;
import io.hookmeter.hook.cli.Command;
import io.hookmeter.hook.cli.Context;
import io.hookmeter.hook.cli.UsageException;
import io.hookmeter.hook.install.InstallCommand;
import io.hookmeter.hook.recording.ExecCommand;
import io.hookmeter.hook.recording.ImportCsvCommand;
import io.hookmeter.hook.recording.RecordCommand;
import io.hookmeter.hook.report.DoctorCommand;
import io.hookmeter.hook.report.ReportCommand;
import io.hookmeter.hook.spool.HookCommand;
import io.hookmeter.hook.spool.PushCommand;
import io.hookmeter.hook.statusline.StatusLineCommand;
import io.hookmeter.hook.warmup.WarmupCommand;

import java.io.PrintStream;
import java.util.List;

/**
 * Every {@code hookmeter} command, one row each: name, a one-line summary, usage lines (what follows the name), and
 * in {@link #create} the class that runs it (the compiler refuses a row without one). {@link Main} dispatches from
 * it, {@code help} and a bad command line print from it, and docs/hook.md's command table is checked against it.
 * Adding a command is a row here and a {@link Command} class. Only the class of the command that runs is loaded:
 * a class per row (or a lambda) would cost every JVM command milliseconds of start-up.
 */
public enum CommandTable {
    HOOK("hook", "hand one Claude Code hook event on stdin to the spool (always exit 0, nothing on stdout)", ""),
    AGENT("agent", "run the resident agent in the foreground; or start it in the background, stop it, or say"
            + " whether it runs (status: 0 running, 3 not)", "", "start|stop|status"),
    EXEC("exec", "run CMD, record its duration and outcome under tool=NAME, exit with its exit code",
            "--name NAME [--agent AGENT] -- CMD [ARGS...]"),
    RECORD("record", "record one call measured elsewhere",
            "--name NAME --duration-ms N --outcome success|error|interrupted [--exit-code N] [--agent AGENT]"),
    IMPORT_CSV("import-csv", "import a legacy timestamp,cpu_percent,memory_rss,tool_name,event CSV", "FILE"),
    PUSH("push", "apply everything handed over so far and push it now (exit 0 only when pushed)", ""),
    REPORT("report", "per tool: calls, success rate, mean, p50, p95, last call, and tokens and cost per model, from"
            + " the state file (DURATION: 1h to 8d, default 24h); or with --by: tokens and cost per period from"
            + " Claude Code's transcripts", "[--since DURATION] [--json]", "--by day|week|month [--projects DIR] [--json]"),
    DOCTOR("doctor", "check Java, config, state file, Pushgateway, installed hooks, agent, spool, last push (exit 1 on"
            + " a problem)", ""),
    INSTALL("install", "merge Hookmeter's hooks into Claude Code's settings.json (--statusline: replace an existing"
            + " status line; --team: also the forwarder to a team store)", "[--project DIR] [--dry-run] [--http]"
            + " [--service[=systemd|launchd] [--no-start]] [--statusline | --no-statusline] [--team URL"
            + " [--team-name NAME]]"),
    UNINSTALL("uninstall", "remove Hookmeter's hooks, status line, agent and forwarder services, nothing else",
            "[--project DIR] [--dry-run] [--no-start]"),
    STATUSLINE("statusline", "read Claude Code's status-line JSON on stdin, print one line (always exit 0)", ""),
    ALERTS("alerts", "list the alerts firing in Alertmanager", "[--json]"),
    WARMUP("warmup", "(re)make the fast-start cache of the JVM (install does it; run it after a JDK update)", ""),
    VERSION("version", "print the version", ""),
    HELP("help", "print this list", "");

    private final String name;
    private final String summary;
    private final List<String> usages;

    CommandTable(String name, String summary, String... usages) {
        this.name = name;
        this.summary = summary;
        this.usages = List.of(usages);
    }

    /** A new instance of the command's class. */
    Command create() {
        return switch (this) {
            case HOOK -> new HookCommand();
            case AGENT -> new AgentCommand();
            case EXEC -> new ExecCommand();
            case RECORD -> new RecordCommand();
            case IMPORT_CSV -> new ImportCsvCommand();
            case PUSH -> new PushCommand();
            case REPORT -> new ReportCommand();
            case DOCTOR -> new DoctorCommand();
            case INSTALL -> new InstallCommand(true);
            case UNINSTALL -> new InstallCommand(false);
            case STATUSLINE -> new StatusLineCommand();
            case ALERTS -> new AlertsCommand();
            case WARMUP -> new WarmupCommand();
            case VERSION -> new VersionCommand();
            case HELP -> new HelpCommand();
        };
    }

    public String commandName() {
        return name;
    }

    /** The usage lines, each what follows {@code hookmeter NAME} (empty: no arguments). */
    public List<String> usages() {
        return usages;
    }

    /** The row for a command name ({@code --version}, {@code --help} and {@code -h} included), or null. */
    public static CommandTable find(String name) {
        String wanted = switch (name) {
            case "--version" -> "version";
            case "--help", "-h" -> "help";
            default -> name;
        };
        for (CommandTable command : values()) {
            if (command.name.equals(wanted)) {
                return command;
            }
        }
        return null;
    }

    /**
     * Runs the command; a bad command line is reported with its usage and exits 2, as is an argument given to a
     * command that takes none (except {@code hook} and {@code statusline}, which Claude Code runs and which must
     * never fail).
     */
    public int run(List<String> args, Context context) {
        try {
            if (usages.equals(List.of("")) && !args.isEmpty() && this != HOOK && this != STATUSLINE) {
                throw new UsageException("takes no arguments, got: " + String.join(" ", args));
            }
            return create().run(args, context);
        } catch (UsageException e) {
            context.err().println("hookmeter " + name + ": " + e.getMessage());
            printUsage(context.err());
            return 2;
        }
    }

    /** {@code usage: hookmeter NAME ...}, one line per usage. */
    public void printUsage(PrintStream out) {
        String prefix = "usage: ";
        for (String usage : usages) {
            out.println(prefix + line(usage));
            prefix = "       ";
        }
    }

    /** {@code hookmeter NAME USAGE}. */
    public String line(String usage) {
        return "hookmeter " + name + (usage.isEmpty() ? "" : " " + usage);
    }

    /** Every command with its usage lines and summary: {@code hookmeter help}. */
    static void printAll(PrintStream out) {
        out.println("usage: hookmeter COMMAND [OPTIONS]");
        for (CommandTable command : values()) {
            for (String usage : command.usages) {
                out.println("  " + command.line(usage));
            }
            out.println("      " + command.summary);
        }
        out.println("See docs/hook.md for every command and option.");
    }
}
