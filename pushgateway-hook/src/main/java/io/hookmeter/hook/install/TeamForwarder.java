package io.hookmeter.hook.install;

import io.hookmeter.hook.config.UserHome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code install --team URL}: the forwarder to the team store ({@code deploy/team/forwarder}, which runs vmagent
 * with {@code deploy/team/vmagent.yml}) as a user service next to the agent's: a systemd user unit on Linux, a
 * launchd agent on macOS. The service passes the store's URL, the team name and this machine's instance name (the
 * one the agent's series carry) to the forwarder script of the same checkout as the launcher. {@link #installed}
 * reads back what it wrote, for {@code hookmeter doctor}.
 */
public final class TeamForwarder implements UserService {
    static final String SYSTEMD_UNIT = "hookmeter-forwarder.service";
    static final String LAUNCHD_LABEL = "io.hookmeter.forwarder";
    static final String DEFAULT_TEAM = "default";
    /** vmagent's own HTTP address: the variable and default of deploy/team/forwarder. */
    public static final String LISTEN_VARIABLE = "HOOKMETER_FORWARDER_LISTEN";
    public static final String DEFAULT_LISTEN = "127.0.0.1:8429";
    /** A team name is one label value passed in a comma-separated vmagent flag: keep it plain. */
    private static final Pattern TEAM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    /** What the forwarder service runs: its script, the store's URL, and the settings it passes on. */
    record Setup(Path script, String url, String team, Path hookmeterHome, String instance, String vmagent,
                 String listen) {
    }

    /**
     * An installed forwarder service as read back from its file: the store's URL, the team, vmagent's HTTP address
     * ({@link #DEFAULT_LISTEN} when the file does not set it) and the command that shows the service's state.
     */
    public record Installed(Path file, String url, String team, String listen, String statusCommand) {
    }

    private static final Pattern PLIST_STRING = Pattern.compile("\\s*<string>(.*)</string>");
    private static final Pattern PLIST_ENTRY = Pattern.compile("\\s*<key>([^<]+)</key><string>(.*)</string>");

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

    /** The forwarder service installed for this platform, read back; empty when there is none or it is unreadable. */
    public static Optional<Installed> installed(Map<String, String> env) {
        AgentService.Kind kind = AgentService.forThisOs();
        Path file = new TeamForwarder(env).file(kind);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(kind, file, Files.readString(file)));
        } catch (IOException e) {
            return Optional.of(new Installed(file, null, null, DEFAULT_LISTEN, statusCommand(kind)));
        }
    }

    /** What {@link #content} wrote, read back; the URL is null when the file does not say it. */
    static Installed read(AgentService.Kind kind, Path file, String content) {
        List<String> command = new ArrayList<>();
        Map<String, String> vars = new LinkedHashMap<>();
        boolean launchd = kind == AgentService.Kind.LAUNCHD;
        boolean inArguments = false;
        for (String line : content.split("\n")) {
            if (launchd) {
                Matcher entry = PLIST_ENTRY.matcher(line);
                Matcher string = PLIST_STRING.matcher(line);
                inArguments = line.contains("<key>ProgramArguments</key>") || inArguments && !line.contains("</array>");
                if (entry.matches()) {
                    vars.put(entry.group(1), unxml(entry.group(2)));
                } else if (inArguments && string.matches()) {
                    command.add(unxml(string.group(1)));
                }
            } else if (line.startsWith("ExecStart=")) {
                command.addAll(systemdWords(line.substring("ExecStart=".length())));
            } else if (line.startsWith("Environment=")) {
                for (String pair : systemdWords(line.substring("Environment=".length()))) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        vars.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
            }
        }
        String listen = vars.get(LISTEN_VARIABLE);
        return new Installed(file, command.size() > 1 ? command.get(1) : null,
                vars.getOrDefault("HOOKMETER_TEAM", DEFAULT_TEAM),
                listen == null || listen.isBlank() ? DEFAULT_LISTEN : listen, statusCommand(kind));
    }

    private static String statusCommand(AgentService.Kind kind) {
        return kind == AgentService.Kind.LAUNCHD ? "launchctl print gui/$UID/" + LAUNCHD_LABEL
                : "systemctl --user status " + SYSTEMD_UNIT;
    }

    /** The words of a systemd command or Environment line as {@link AgentService#systemdQuoted} writes them. */
    static List<String> systemdWords(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == '\\' && quoted && i + 1 < text.length()) {
                word.append(text.charAt(++i));
            } else if (c == ' ' && !quoted) {
                if (any || word.length() > 0) {
                    words.add(word.toString().replace("%%", "%"));
                    word.setLength(0);
                    any = false;
                }
            } else {
                word.append(c);
            }
        }
        if (any || word.length() > 0) {
            words.add(word.toString().replace("%%", "%"));
        }
        return words;
    }

    private static String unxml(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
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

    /**
     * The forwarder script's settings (docs/team.md): home (agent.address, the buffer), team, instance, vmagent, and
     * vmagent's HTTP address when install was given one.
     */
    private static Map<String, String> environment(Setup setup) {
        Map<String, String> vars = new java.util.LinkedHashMap<>();
        vars.put("HOOKMETER_HOME", setup.hookmeterHome().toString());
        vars.put("HOOKMETER_TEAM", setup.team());
        vars.put("HOOKMETER_INSTANCE", setup.instance());
        if (setup.vmagent() != null) {
            vars.put("VMAGENT", setup.vmagent());
        }
        if (setup.listen() != null) {
            vars.put(LISTEN_VARIABLE, setup.listen()); // doctor reads it back to find vmagent
        }
        return vars;
    }

}
