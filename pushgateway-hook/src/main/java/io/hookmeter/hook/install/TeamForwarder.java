package io.hookmeter.hook.install;

import io.hookmeter.hook.config.UserHome;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code install --team URL}: the forwarder to the team store ({@code deploy/team/forwarder}, which runs vmagent
 * with {@code deploy/team/vmagent.yml}) as a user service next to the agent's: a systemd user unit on Linux, a
 * launchd agent on macOS. The service passes the store's URL, the team name and this machine's instance name (the
 * one the agent's series carry) to the forwarder script of the same checkout as the launcher.
 */
final class TeamForwarder implements UserService {
    static final String SYSTEMD_UNIT = "hookmeter-forwarder.service";
    static final String LAUNCHD_LABEL = "io.hookmeter.forwarder";
    static final String DEFAULT_TEAM = "default";
    /** A team name is one label value passed in a comma-separated vmagent flag: keep it plain. */
    private static final Pattern TEAM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    /** What the forwarder service runs: its script, the store's URL, and the settings it passes on. */
    record Setup(Path script, String url, String team, Path hookmeterHome, String instance, String vmagent) {
    }

    private final Map<String, String> env;

    TeamForwarder(Map<String, String> env) {
        this.env = env;
    }

    /** The store's Prometheus API root without a trailing slash; IllegalArgumentException when not http(s). */
    static String url(String url) {
        if (!url.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            throw new IllegalArgumentException("--team needs the store's http(s) URL (http://HOST:8428, or "
                    + "http://HOST:8480/insert/0/prometheus), not " + url);
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String team(String name) {
        if (!TEAM.matcher(name).matches()) {
            throw new IllegalArgumentException("--team-name takes letters, digits, '_', '.' and '-' (at most 63), not "
                    + name);
        }
        return name;
    }

    /**
     * {@code deploy/team/forwarder} of the checkout the launcher ({@code pushgateway-hook/bin/hookmeter}) belongs
     * to: the nearest one in the launcher's directory or the three above it; null when there is none.
     */
    static Path script(String launcher) {
        Path dir = Path.of(launcher).toAbsolutePath().getParent();
        for (int up = 0; dir != null && up < 4; up++, dir = dir.getParent()) {
            Path script = dir.resolve("deploy/team/forwarder");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        return null;
    }

    /** vmagent's absolute path when it is on PATH (a user service's PATH may be shorter), else null. */
    static String vmagent(Map<String, String> env) {
        String told = env.get("VMAGENT");
        if (told != null && !told.isBlank()) {
            return told;
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "vmagent"))) {
                return Path.of(dir, "vmagent").toAbsolutePath().toString();
            }
        }
        return null;
    }

    @Override
    public String systemdUnit() {
        return SYSTEMD_UNIT;
    }

    @Override
    public Path file(AgentService.Kind kind) {
        Path home = UserHome.of(env);
        if (kind == AgentService.Kind.LAUNCHD) {
            return home.resolve("Library/LaunchAgents").resolve(LAUNCHD_LABEL + ".plist");
        }
        return new AgentService(env).file(kind).resolveSibling(SYSTEMD_UNIT);
    }

    String content(AgentService.Kind kind, Setup setup) {
        return kind == AgentService.Kind.SYSTEMD ? systemd(setup) : launchd(setup);
    }

    private static String systemd(Setup setup) {
        StringBuilder unit = new StringBuilder()
                .append("# Written by hookmeter install --team; hookmeter uninstall removes it.\n")
                .append("[Unit]\n")
                .append("Description=Hookmeter forwarder: the agent's and the exporter's metrics to the team store\n")
                .append("After=").append(AgentService.SYSTEMD_UNIT).append("\n\n")
                .append("[Service]\n")
                .append("Type=simple\n")
                .append("ExecStart=").append(AgentService.systemdQuoted(setup.script().toString())).append(' ')
                .append(AgentService.systemdQuoted(setup.url())).append('\n');
        environment(setup).forEach((name, value) ->
                unit.append("Environment=").append(AgentService.systemdQuoted(name + "=" + value)).append('\n'));
        return unit.append("Restart=always\n")
                .append("RestartSec=10\n\n")
                .append("[Install]\n")
                .append("WantedBy=default.target\n")
                .toString();
    }

    private static String launchd(Setup setup) {
        StringBuilder plist = new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" ")
                .append("\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n")
                .append("<!-- Written by hookmeter install --team; hookmeter uninstall removes it. -->\n")
                .append("<plist version=\"1.0\">\n<dict>\n")
                .append("  <key>Label</key><string>").append(LAUNCHD_LABEL).append("</string>\n")
                .append("  <key>ProgramArguments</key>\n  <array>\n")
                .append("    <string>").append(AgentService.xml(setup.script().toString())).append("</string>\n")
                .append("    <string>").append(AgentService.xml(setup.url())).append("</string>\n  </array>\n")
                .append("  <key>EnvironmentVariables</key>\n  <dict>\n");
        environment(setup).forEach((name, value) -> plist.append("    <key>").append(name).append("</key><string>")
                .append(AgentService.xml(value)).append("</string>\n"));
        return plist.append("  </dict>\n")
                .append("  <key>RunAtLoad</key><true/>\n")
                .append("  <key>KeepAlive</key><true/>\n")
                .append("  <key>StandardErrorPath</key><string>")
                .append(AgentService.xml(setup.hookmeterHome().resolve("forwarder.log").toString()))
                .append("</string>\n")
                .append("</dict>\n</plist>\n")
                .toString();
    }

    /** The forwarder script's settings (docs/team.md): home (agent.address, the buffer), team, instance, vmagent. */
    private static Map<String, String> environment(Setup setup) {
        Map<String, String> vars = new java.util.LinkedHashMap<>();
        vars.put("HOOKMETER_HOME", setup.hookmeterHome().toString());
        vars.put("HOOKMETER_TEAM", setup.team());
        vars.put("HOOKMETER_INSTANCE", setup.instance());
        if (setup.vmagent() != null) {
            vars.put("VMAGENT", setup.vmagent());
        }
        return vars;
    }

}
