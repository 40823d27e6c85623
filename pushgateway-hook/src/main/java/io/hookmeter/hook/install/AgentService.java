package io.hookmeter.hook.install;

import io.hookmeter.hook.config.UserHome;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code install --service}: keeps the agent running under the user's service manager instead of being started by
 * the first hook: a systemd user unit on Linux, a launchd agent on macOS. The agent then never exits when idle
 * ({@code HOOKMETER_AGENT_IDLE_EXIT_SECONDS=0}); the manager restarts it if it dies.
 */
final class AgentService implements UserService {
    static final String SYSTEMD_UNIT = "hookmeter-agent.service";
    static final String LAUNCHD_LABEL = "io.hookmeter.agent";

    enum Kind { SYSTEMD, LAUNCHD }

    private final Map<String, String> env;

    AgentService(Map<String, String> env) {
        this.env = env;
    }

    /** The kind this OS uses. */
    static Kind forThisOs() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac") ? Kind.LAUNCHD : Kind.SYSTEMD;
    }

    static Kind parse(String name) {
        return switch (name) {
            case "systemd" -> Kind.SYSTEMD;
            case "launchd" -> Kind.LAUNCHD;
            default -> throw new IllegalArgumentException("--service takes systemd or launchd, not " + name);
        };
    }

    @Override
    public Path file(Kind kind) {
        Path home = UserHome.of(env);
        if (kind == Kind.LAUNCHD) {
            return home.resolve("Library/LaunchAgents").resolve(LAUNCHD_LABEL + ".plist");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
        return config.resolve("systemd/user").resolve(SYSTEMD_UNIT);
    }

    String content(Kind kind, String launcher, Path hookmeterHome) {
        return kind == Kind.SYSTEMD ? systemd(launcher, hookmeterHome) : launchd(launcher, hookmeterHome);
    }

    private static String systemd(String launcher, Path home) {
        return "# Written by hookmeter install --service; hookmeter uninstall removes it.\n"
                + "[Unit]\n"
                + "Description=Hookmeter agent: applies Claude Code hook events and pushes their metrics\n\n"
                + "[Service]\n"
                + "Type=simple\n"
                + "ExecStart=" + systemdQuoted(launcher) + " agent\n"
                + "Environment=" + systemdQuoted("HOOKMETER_HOME=" + home) + "\n"
                + "Environment=HOOKMETER_AGENT_IDLE_EXIT_SECONDS=0\n"
                + "Environment=HOOKMETER_AGENT_AUTOSTART=false\n"
                + "Restart=always\n"
                + "RestartSec=2\n\n"
                + "[Install]\n"
                + "WantedBy=default.target\n";
    }

    /** A value for ExecStart or Environment: quoted when needed, and {@code %} doubled (systemd's specifiers). */
    static String systemdQuoted(String value) {
        String escaped = value.replace("%", "%%");
        return escaped.matches("[A-Za-z0-9_./:+@=-]+") ? escaped
                : "\"" + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String launchd(String launcher, Path home) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                + "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                + "<!-- Written by hookmeter install --service; hookmeter uninstall removes it. -->\n"
                + "<plist version=\"1.0\">\n<dict>\n"
                + "  <key>Label</key><string>" + LAUNCHD_LABEL + "</string>\n"
                + "  <key>ProgramArguments</key>\n  <array>\n"
                + "    <string>" + xml(launcher) + "</string>\n    <string>agent</string>\n  </array>\n"
                + "  <key>EnvironmentVariables</key>\n  <dict>\n"
                + "    <key>HOOKMETER_HOME</key><string>" + xml(home.toString()) + "</string>\n"
                + "    <key>HOOKMETER_AGENT_IDLE_EXIT_SECONDS</key><string>0</string>\n"
                + "  </dict>\n"
                + "  <key>RunAtLoad</key><true/>\n"
                + "  <key>KeepAlive</key><true/>\n"
                + "  <key>StandardErrorPath</key><string>" + xml(home.resolve("agent.log").toString()) + "</string>\n"
                + "</dict>\n</plist>\n";
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String systemdUnit() {
        return SYSTEMD_UNIT;
    }

    /** Runs the commands; the ones that fail (no user session manager, a container) are returned. */
    static List<String> runAll(List<String> commands) {
        List<String> failed = new ArrayList<>();
        for (String command : commands) {
            try {
                Process process = new ProcessBuilder(List.of(command.split(" "))).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    failed.add(command);
                }
            } catch (IOException e) {
                failed.add(command);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.add(command);
            }
        }
        return failed;
    }

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
