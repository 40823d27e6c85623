package io.hookmeter.hook.spool;

import io.hookmeter.hook.cli.Command;
import io.hookmeter.hook.cli.Context;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.log.HookLog;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code hookmeter hook} inside the JVM. The launcher never gets here: its POSIX {@code sh} fast path spools the
 * event without a JVM. This is the same hand-over for whoever runs the jar directly: the event goes to the spool as
 * it is, unparsed, and the agent (or the next {@code hookmeter push}) applies it. Always exits 0.
 */
public final class HookCommand implements Command {
    /** Spools the event on stdin; always returns 0. */
    @Override
    public int run(List<String> args, Context context) {
        PrintStream stderr = context.err();
        HookLog log = null;
        try {
            HookConfig config = HookConfig.load(context.env());
            log = new HookLog(config.home(), stderr);
            if (Spool.in(config.home()).write(SpoolName.HOOK, context.in().readAllBytes()) == null) {
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
