package io.hookmeter.hook.install;

import io.hookmeter.hook.cli.Args;
import io.hookmeter.hook.cli.Command;
import io.hookmeter.hook.cli.Context;
import io.hookmeter.hook.cli.UsageException;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.config.UserHome;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * {@code hookmeter install [--project DIR] [--dry-run] [--http] [--service[=systemd|launchd]] [--statusline |
 * --no-statusline] [--team URL [--team-name NAME]]} and {@code hookmeter uninstall [--project DIR] [--dry-run]}:
 * merge Hookmeter's hooks into a Claude Code settings file, or take them out again (and the services, when they
 * were installed). By default every event gets a synchronous command hook (the POSIX fast path); {@code --http}
 * gives every event that supports it a {@code type: "http"} hook to the agent; {@code --team} adds the agent's
 * service and the forwarder's to a team store ({@link TeamForwarder}). A malformed file is never touched (exit 1); a
 * changed file is backed up first.
 */
public final class InstallCommand implements Command {
    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** True for install, false for uninstall. */
    private final boolean install;
    private PrintStream out;
    private PrintStream err;
    private Map<String, String> env;

    public InstallCommand(boolean install) {
        this.install = install;
    }

    @Override
    public int run(List<String> args, Context context) throws UsageException {
        // One set of options for both: uninstall ignores those that only install uses.
        Args options = Args.parse(args, "--project DIR", "--dry-run", "--statusline", "--no-statusline", "--http",
                "--no-start", "--service[=KIND]", "--team URL", "--team-name NAME");
        options.positional(0, 0);
        out = context.out();
        err = context.err();
        env = context.env();
        Path project = options.has("--project") ? Path.of(options.get("--project")).toAbsolutePath() : null;
        boolean dryRun = options.has("--dry-run");
        boolean offerStatusLine = !options.has("--no-statusline");
        boolean replaceStatusLine = options.has("--statusline");
        boolean http = options.has("--http");
        boolean start = !options.has("--no-start");
        AgentService.Kind service = null;
        if (options.has("--service")) {
            try {
                String kind = options.get("--service");
                service = kind.isEmpty() ? AgentService.forThisOs() : AgentService.parse(kind);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        String teamUrl = null;
        String teamName = env.get("HOOKMETER_TEAM") == null || env.get("HOOKMETER_TEAM").isBlank()
                ? TeamForwarder.DEFAULT_TEAM : env.get("HOOKMETER_TEAM").strip();
        try {
            if (options.has("--team")) {
                teamUrl = TeamForwarder.url(options.get("--team"));
            }
            if (options.has("--team-name")) {
                teamName = TeamForwarder.team(options.get("--team-name"));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (teamUrl == null && options.has("--team-name")) {
            throw new UsageException("--team-name goes with --team URL");
        }
        Path file = settingsFile(project, env);
        String launcher = launcher();
        if (install && launcher == null) {
            err.println("hookmeter: cannot tell where bin/hookmeter is; run install through the launcher");
            return 1;
        }
        TeamForwarder.Setup team = null;
        if (install && teamUrl != null) {
            try {
                teamName = TeamForwarder.team(teamName); // HOOKMETER_TEAM is checked as well
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            team = teamSetup(launcher, teamUrl, teamName);
            if (team == null) {
                return 1;
            }
            // The forwarder scrapes the agent: it has to run all the time, not only after a hook.
            service = service == null ? AgentService.forThisOs() : service;
        }
        try {
            int status = apply(file, dryRun, offerStatusLine, replaceStatusLine, launcher,
                    http ? agentUrl() : null);
            if (status == 0 && !dryRun && (service != null || !install)) {
                status = service(service, launcher, start);
            }
            if (status == 0 && !dryRun && (team != null || !install)) {
                status = forwarder(install, service, team, start);
            }
            return status;
        } catch (MalformedSettingsException e) {
            err.println("hookmeter: refusing to change " + file + ": " + e.getMessage()
                    + ". Nothing was changed; fix the file (or move it away) and run again.");
            return 1;
        } catch (IOException e) {
            err.println("hookmeter: cannot update " + file + ": " + e.getMessage());
            return 1;
        }
    }

    /** The agent's POST /hook URL from HOOKMETER_AGENT_ADDRESS or agent.address; loopback for a wildcard host. */
    private String agentUrl() {
        String address = HookConfig.load(env).get("agent.address", "127.0.0.1:9096");
        int colon = address.lastIndexOf(':');
        String host = colon <= 0 ? "127.0.0.1" : address.substring(0, colon);
        if (host.equals("0.0.0.0") || host.equals("[::]") || host.isEmpty()) {
            host = "127.0.0.1";
        }
        return "http://" + host + ":" + address.substring(colon + 1) + "/hook";
    }

    /** Installs (with {@code kind}) or removes (every kind found) the agent's service. */
    private int service(AgentService.Kind kind, String launcher, boolean start) throws IOException {
        AgentService services = new AgentService(env);
        if (install) {
            install("Agent service", services, kind, services.content(kind, launcher, HookConfig.load(env).home()),
                    start);
        } else {
            remove("Agent service", services, start);
        }
        return 0;
    }

    private void install(String what, UserService services, AgentService.Kind kind, String content, boolean start)
            throws IOException {
        Path unit = services.file(kind);
        AgentService.write(unit, content);
        List<String> commands = services.activation(kind, true);
        List<String> failed = start ? AgentService.runAll(commands) : commands;
        out.println(what + " written to " + unit
                + (failed.isEmpty() ? " and started." : "; start it with: " + String.join(" && ", failed)));
    }

    private void remove(String what, UserService services, boolean start) throws IOException {
        for (AgentService.Kind each : AgentService.Kind.values()) {
            Path unit = services.file(each);
            if (Files.exists(unit)) {
                List<String> commands = services.activation(each, false);
                List<String> failed = start ? AgentService.runAll(commands) : commands;
                Files.delete(unit);
                out.println(what + " " + unit + " removed" + (failed.isEmpty() ? "."
                        : "; if it still runs, stop it with: " + String.join(" && ", failed)));
            }
        }
    }

    /** What {@code --team} installs, checked before anything changes; null (after saying why) when impossible. */
    private TeamForwarder.Setup teamSetup(String launcher, String url, String team) {
        Path script = TeamForwarder.script(launcher);
        if (script == null) {
            err.println("hookmeter: --team runs deploy/team/forwarder of the checkout " + launcher + " belongs to, "
                    + "and there is none; nothing was changed (docs/team.md shows the forwarder by hand)");
            return null;
        }
        HookConfig config = HookConfig.load(env);
        String vmagent = TeamForwarder.vmagent(env);
        if (vmagent == null) {
            err.println("hookmeter: vmagent is not on PATH; the forwarder service waits for it "
                    + "(Debian/Ubuntu: apt-get install victoria-metrics)");
        }
        String listen = env.get(TeamForwarder.LISTEN_VARIABLE);
        return new TeamForwarder.Setup(script, url, team, config.home(), config.instance(), vmagent,
                listen == null || listen.isBlank() ? null : listen.strip());
    }

    /** Installs (with {@code kind}) or removes (every kind found) the forwarder's service. */
    private int forwarder(boolean install, AgentService.Kind kind, TeamForwarder.Setup setup, boolean start)
            throws IOException {
        TeamForwarder forwarders = new TeamForwarder(env);
        if (install) {
            install("Forwarder service (team " + setup.team() + ", store " + setup.url() + ")", forwarders, kind,
                    forwarders.content(kind, setup), start);
            out.println("Without a Pushgateway on this machine, set push.enabled=false in "
                    + setup.hookmeterHome().resolve(HookConfig.FILE) + ".");
        } else {
            remove("Forwarder service", forwarders, start);
        }
        return 0;
    }

    private int apply(Path file, boolean dryRun, boolean offerStatusLine, boolean replaceStatusLine,
                      String launcher, String agentUrl) throws IOException, MalformedSettingsException {
        String original = read(file);
        Object before = parse(original, file);
        Map<String, Object> settings = ClaudeSettings.validate(parse(original, file));
        String summary;
        if (install) {
            ClaudeSettings ours = new ClaudeSettings(launcher, agentUrl);
            ClaudeSettings.StatusLine statusLine = ours.add(settings, offerStatusLine, replaceStatusLine);
            summary = "hooks for " + (ClaudeSettings.TOOL_EVENTS.size() + ClaudeSettings.OTHER_EVENTS.size())
                    + " events (" + (agentUrl == null ? ours.hookCommand()
                    : "http " + agentUrl + "; " + ClaudeSettings.COMMAND_ONLY_EVENT + ": "
                    + ours.commandHook(ClaudeSettings.COMMAND_ONLY_EVENT))
                    + ")" + statusLineNote(statusLine);
        } else {
            int removed = ClaudeSettings.remove(settings);
            summary = removed + " Hookmeter hook entries removed";
        }
        if (settings.equals(before)) {
            out.println((install ? "Hookmeter is already installed in " : "No Hookmeter entries in ") + file
                    + "; nothing changed.");
            return 0;
        }
        String updated = JsonTree.print(settings);
        if (dryRun) {
            err.println("hookmeter: dry run, " + file + " would get: " + summary);
            out.print(updated);
            return 0;
        }
        Path backup = original == null ? null : backup(file);
        write(file, updated);
        out.println((install ? "Installed " : "Uninstalled: ") + summary + " in " + file
                + (backup == null ? "" : " (backup: " + backup + ")"));
        return 0;
    }

    private static String statusLineNote(ClaudeSettings.StatusLine statusLine) {
        return switch (statusLine) {
            case ADDED -> ", and the status line";
            case REPLACED -> ", and the status line (replacing the previous one)";
            case KEPT_FOREIGN -> "; your own status line is kept (use --statusline to replace it with Hookmeter's)";
            case LEFT_ALONE -> "";
        };
    }

    /** The file's text, or null when it does not exist. */
    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static Object parse(String text, Path file) throws MalformedSettingsException {
        if (text == null || text.isBlank()) {
            return new java.util.LinkedHashMap<String, Object>();
        }
        try {
            return JsonTree.parse(text);
        } catch (IOException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            int newline = message.indexOf('\n');
            throw new MalformedSettingsException("it is not valid JSON ("
                    + (newline < 0 ? message : message.substring(0, newline)) + ")");
        }
    }

    private static Path backup(Path file) throws IOException {
        Path backup = file.resolveSibling(file.getFileName() + ".hookmeter-backup-"
                + LocalDateTime.now().format(BACKUP_STAMP));
        Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        return backup;
    }

    /** Temp file, then rename: Claude Code never reads a half-written settings file. */
    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".hookmeter-tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        if (Files.exists(file)) {
            try {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system: default permissions.
            }
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** {@code DIR/.claude/settings.json}, or the user's: {@code $CLAUDE_CONFIG_DIR} or {@code $HOME/.claude}. */
    static Path settingsFile(Path project, Map<String, String> env) {
        if (project != null) {
            return project.resolve(".claude").resolve("settings.json");
        }
        String configDir = env.get("CLAUDE_CONFIG_DIR");
        Path dir = configDir != null && !configDir.isBlank() ? Path.of(configDir)
                : UserHome.of(env).resolve(".claude");
        return dir.resolve("settings.json");
    }

    /** The launcher tells us its path; otherwise it is found next to the jar ({@code ../bin/hookmeter}). */
    static String launcher() {
        String told = System.getProperty("hookmeter.launcher");
        if (told != null && !told.isBlank()) {
            return Path.of(told).toAbsolutePath().normalize().toString();
        }
        try {
            Path jar = Path.of(InstallCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = jar.getParent().getParent().resolve("bin").resolve("hookmeter");
            return Files.isRegularFile(candidate) ? candidate.toString() : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
