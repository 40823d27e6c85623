package io.hookmeter.hook.report;

import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.install.InstalledHooks;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code hookmeter doctor}: checks the setup and prints one line per check: Java, config file, home, state file,
 * Pushgateway, installed hooks, last push, fast-start cache. Exit status 1 when something is wrong.
 */
public final class DoctorCommand {
    private static final int HTTP_TIMEOUT_MS = 2000;

    private final PrintStream out;
    private int problems;

    private DoctorCommand(PrintStream out) {
        this.out = out;
    }

    public static int run(Map<String, String> env, PrintStream out) {
        DoctorCommand doctor = new DoctorCommand(out);
        doctor.check(env);
        out.println(doctor.problems == 0 ? "All checks passed."
                : doctor.problems + (doctor.problems == 1 ? " problem" : " problems") + " found.");
        return doctor.problems == 0 ? 0 : 1;
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
                    where.append(where.length() == 0 ? "" : ", ").append(file);
                }
            } catch (IOException e) {
                line(false, file + " is not valid JSON: " + e.getMessage());
            }
        }
        if (found.containsAll(expected)) {
            line(true, "hooks installed for all " + expected.size() + " events in " + where);
        } else if (found.isEmpty()) {
            line(false, "hooks not installed: run `hookmeter install` (or install --project DIR)");
        } else {
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(found);
            line(false, "hooks missing for " + missing + ": run `hookmeter install` again");
        }
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
