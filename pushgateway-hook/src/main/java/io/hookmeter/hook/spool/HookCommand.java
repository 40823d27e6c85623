package io.hookmeter.hook.spool;

import io.hookmeter.hook.claude.EventListener;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.log.HookLog;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code hookmeter hook} inside the JVM. The launcher never gets here: its POSIX {@code sh} fast path spools the
 * event without a JVM. This is the same hand-over for whoever runs the jar directly: the event goes to the spool as
 * it is, unparsed, and the agent (or the next {@code hookmeter push}) applies it. Always exits 0.
 */
public final class HookCommand {
    private HookCommand() {
    }

    /**
     * The components that see every event inside the same state update (see {@link EventListener}). Add yours here.
     */
    public static List<EventListener> listeners(HookConfig config) {
        return List.of(new io.hookmeter.hook.tokens.TokenListener(config),
                new io.hookmeter.hook.activity.ActivityListener());
    }

    /** Spools the event on stdin; always returns 0. */
    public static int run(InputStream stdin, Map<String, String> env, PrintStream stderr) {
        HookLog log = null;
        try {
            HookConfig config = HookConfig.load(env);
            log = new HookLog(config.home(), stderr);
            if (Spool.in(config.home()).write(SpoolName.HOOK, stdin.readAllBytes()) == null) {
                log.accept("spool full: hook event dropped (counted in hookmeter_events_dropped_total)");
            }
        } catch (Exception | LinkageError | OutOfMemoryError e) {
            String message = "hook event not spooled: " + e;
            if (log != null) {
                log.accept(message);
            } else {
                stderr.println("hookmeter: " + message);
            }
        }
        return 0;
    }
}
