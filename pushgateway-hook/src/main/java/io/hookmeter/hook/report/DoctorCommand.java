package io.hookmeter.hook.report;

import io.hookmeter.hook.agent.AgentCommand;
import io.hookmeter.hook.agent.AgentFiles;
import io.hookmeter.hook.spool.Spool;
import io.hookmeter.hook.spool.SpoolJournal;
import io.hookmeter.hook.spool.SpoolName;

import io.hookmeter.hook.cli.Command;
import io.hookmeter.hook.cli.Context;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.install.InstalledHooks;
import io.hookmeter.hook.install.TeamForwarder;
import io.hookmeter.hook.push.Pusher;
import io.hookmeter.hook.state.CorruptStateException;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.PushStatus;
import io.hookmeter.hook.state.StateStore;

import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code hookmeter doctor}: checks the setup and prints one line per check: Java, config file, home, state file,
 * Pushgateway, installed hooks, agent, spool, the team forwarder when {@code install --team} set one up, last push,
 * fast-start cache. Exit status 1 when something is wrong.
 */
public final class DoctorCommand implements Command {
    private static final int HTTP_TIMEOUT_MS = 2000;

    private PrintStream out;
    private int problems;
    /** How the hooks are installed: command, http, mixed or none. */
    private String mode = "none";

    @Override
    public int run(List<String> args, Context context) {
        out = context.out();
        check(context.env());
        out.println(problems == 0 ? "All checks passed."
                : problems + (problems == 1 ? " problem" : " problems") + " found.");
        return problems == 0 ? 0 : 1;
    }

    private void check(Map<String, String> env) {
        HookConfig config = HookConfig.load(env);
        Runtime.Version java = Runtime.version();
        line(java.feature() >= 17, "Java " + java + " (" + System.getProperty("java.home") + ")");
        Path configFile = config.home().resolve(HookConfig.FILE);
        line(config.problem() == null, config.problem() != null ? config.problem()
                : Files.exists(configFile) ? "config file " + configFile : "no config file (defaults)");
        Path home = config.home();
        line(Files.isDirectory(home) ? Files.isWritable(home) : canCreate(home),
                "home " + home + (Files.isDirectory(home) ? "" : " (created by the first hook run)"));
        PushStatus push = state(new StateStore(home, message -> { }));
        pushgateway(config);
        hooks(env);
        agent(config);
        spool(config);
        TeamForwarder.installed(env).ifPresent(forwarder -> new ForwarderCheck(forwarder, new ForwarderCheck.Lines() {
            @Override
            public void line(boolean ok, String text) {
                DoctorCommand.this.line(ok, text);
            }

            @Override
            public void note(String text) {
                DoctorCommand.this.note(text);
            }
        }).run());
        if (push != null) {
            lastPush(push);
        }
        String cache = System.getProperty("hookmeter.cache");
        if (cache != null) {
            note(Files.isRegularFile(Path.of(cache)) ? "fast-start cache " + cache
                    : "no fast-start cache for this JDK and jar: run `hookmeter warmup` (hooks work, start slower)");
        }
    }

    private PushStatus state(StateStore store) {
        Path file = store.stateFile();
        if (!Files.exists(file)) {
            note("no state file yet (" + file + "): no event recorded so far");
            return null;
        }
        try {
            MetricsState state = store.readOnly();
            line(true, "state file " + file + " (" + Files.size(file) + " bytes, schema " + MetricsState.SCHEMA_VERSION
                    + ", " + state.families().size() + " metric families)");
            return state.push();
        } catch (IOException | CorruptStateException e) {
            line(false, "state file " + file + " is damaged: " + e.getMessage()
                    + " (the next hook run moves it aside and starts fresh)");
            return null;
        }
    }

    private void pushgateway(HookConfig config) {
        if (!config.pushEnabled()) {
            note("pushing is disabled (push.enabled=false)");
            return;
        }
        String authorization;
        try {
            authorization = config.authorization();
        } catch (IOException e) {
            line(false, "cannot read the Pushgateway credentials (push.password_file or push.bearer_token_file): "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
            return;
        }
        String url = config.pushgatewayUrl() + "/-/ready";
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(HTTP_TIMEOUT_MS);
            connection.setReadTimeout(HTTP_TIMEOUT_MS);
            if (authorization != null) {
                connection.setRequestProperty("Authorization", authorization);
            }
            int status = connection.getResponseCode();
            connection.disconnect();
            if (status == 401 || status == 403) {
                line(false, refused(config, authorization, status));
                return;
            }
            line(status == 200, "Pushgateway " + config.pushgatewayUrl() + " answers HTTP " + status
                    + "; our group: " + new Pusher(config, message -> { }).groupUrl());
        } catch (IOException | IllegalArgumentException e) {
            line(false, "Pushgateway " + config.pushgatewayUrl() + " not reachable: " + e.getMessage());
        }
    }

    /** Why the Pushgateway said no (401 or 403), and which keys to look at. */
    private static String refused(HookConfig config, String authorization, int status) {
        String keys = authorization == null || authorization.startsWith("Basic ")
                ? "push.username and push.password (or push.password_file)"
                : "push.bearer_token (or push.bearer_token_file)";
        return "Pushgateway " + config.pushgatewayUrl() + " refuses "
                + (authorization == null ? "requests without credentials" : "our credentials")
                + " (HTTP " + status + "): check " + keys + " in " + config.home().resolve(HookConfig.FILE);
    }

    private void hooks(Map<String, String> env) {
        Set<String> expected = InstalledHooks.expected();
        Set<String> found = new TreeSet<>();
        StringBuilder where = new StringBuilder();
        for (Path file : new Path[] {InstalledHooks.userSettings(env),
                                     Path.of("").toAbsolutePath().resolve(".claude/settings.json")}) {
            try {
                Set<String> events = InstalledHooks.events(file);
                if (!events.isEmpty()) {
                    found.addAll(events);
                    mode = InstalledHooks.mode(file);
                    where.append(where.length() == 0 ? "" : ", ").append(file);
                }
            } catch (IOException e) {
                line(false, file + " is not valid JSON: " + e.getMessage());
            }
        }
        if (found.containsAll(expected)) {
            line(true, "hooks installed for all " + expected.size() + " events in " + where + " (mode: "
                    + ("http".equals(mode) ? "http hooks to the agent" : mode + " hooks") + ")");
        } else if (found.isEmpty()) {
            line(false, "hooks not installed: run `hookmeter install` (or install --project DIR)");
        } else {
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(found);
            line(false, "hooks missing for " + missing + ": run `hookmeter install` again");
        }
    }

    /** The resident agent: running (pid, address, version, uptime, last batch) or not, and why not if it said. */
    private void agent(HookConfig config) {
        AgentFiles files = new AgentFiles(config.home());
        if (!files.running()) {
            Path log = config.home().resolve(AgentFiles.LOG);
            String last = lastLine(log);
            note("agent not running (the next hook or status line starts it; `hookmeter agent start` does now)"
                    + (last == null ? "" : "; last line of " + log + ": " + last));
            return;
        }
        String address = files.address();
        Optional<String> status = AgentCommand.fetchStatus(address);
        if (status.isEmpty()) {
            line(false, "agent pid " + files.pid() + " holds its lock but does not answer on " + address);
            return;
        }
        Map<String, String> fields = AgentStatusFields.parse(status.get());
        long now = System.currentTimeMillis();
        String lastBatch = "0".equals(fields.get("last_batch_ms")) ? "no batch yet"
                : "last batch " + ago(now, fields.get("last_batch_ms")) + " (" + fields.get("last_batch_events")
                + " events)";
        line(true, "agent pid " + fields.get("pid") + " on " + address + ", version " + fields.get("version")
                + ", up " + ago(now, fields.get("start_time_ms")).replace(" ago", "") + ", " + lastBatch);
        String configured = config.get("agent.address", "127.0.0.1:9096");
        if (!configured.endsWith(":0") && !address.endsWith(configured.substring(configured.lastIndexOf(':')))) {
            line(!"http".equals(mode), "agent listens on " + address + ", not on the configured " + configured
                    + " (taken by another program?)" + ("http".equals(mode) ? ": http hooks cannot reach it" : ""));
        }
    }

    /** Events waiting in the spool and the age of the oldest; a stopped agent's unsealed HTTP events. */
    private void spool(HookConfig config) {
        Spool spool = Spool.in(config.home());
        List<Path> unsealed = SpoolJournal.withEvents(spool);
        if (!unsealed.isEmpty() && !new AgentFiles(config.home()).running()) {
            line(false, unsealed.size() + " segment(s) of events a stopped agent took over HTTP wait in "
                    + SpoolJournal.dir(spool) + ": the next agent start or `hookmeter push` moves them into the spool");
        }
        List<SpoolName> waiting;
        try {
            waiting = spool.pending();
        } catch (IOException e) {
            line(false, "cannot read the spool " + spool.incoming() + ": " + e.getMessage());
            return;
        }
        if (waiting.isEmpty()) {
            line(true, "spool empty (" + spool.incoming() + ")");
            return;
        }
        long ageSeconds = (System.currentTimeMillis() - waiting.get(0).epochMillis()) / 1000;
        line(ageSeconds < 300, "spool holds " + waiting.size() + " events, the oldest " + ageSeconds + " s old"
                + (ageSeconds < 300 ? "" : ": the agent is not applying them (see above; `hookmeter push` applies them now)"));
    }

    private static String ago(long now, String millis) {
        try {
            long seconds = Math.max(0, (now - Long.parseLong(millis)) / 1000);
            return seconds < 120 ? seconds + " s ago" : seconds < 7200 ? seconds / 60 + " min ago"
                    : seconds / 3600 + " h ago";
        } catch (NumberFormatException e) {
            return "?";
        }
    }

    private static String lastLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private void lastPush(PushStatus push) {
        String last = push.lastSuccessMillis() == 0 ? "never" : Instant.ofEpochMilli(push.lastSuccessMillis()).toString();
        if (push.consecutiveFailures() == 0) {
            line(true, "last push " + last);
        } else {
            line(false, "last push " + last + "; " + push.consecutiveFailures() + " failed since, last error at "
                    + Instant.ofEpochMilli(push.lastFailureMillis()) + ": " + push.lastError());
        }
    }

    private static boolean canCreate(Path dir) {
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) && Files.isWritable(p);
            }
        }
        return false;
    }

    private void line(boolean ok, String text) {
        if (!ok) {
            problems++;
        }
        out.println((ok ? "ok       " : "PROBLEM  ") + text);
    }

    private void note(String text) {
        out.println("note     " + text);
    }
}
