package io.hookmeter.hook.run;

import io.hookmeter.hook.claude.EventContext;
import io.hookmeter.hook.claude.EventListener;
import io.hookmeter.hook.claude.EventRecorder;
import io.hookmeter.hook.claude.HookEvent;
import io.hookmeter.hook.claude.HookEventParser;
import io.hookmeter.hook.claude.MalformedEventException;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.log.HookLog;
import io.hookmeter.hook.state.Buckets;
import io.hookmeter.hook.state.HistogramFamily;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.SelfMetrics;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code hookmeter hook}: one Claude Code hook event on stdin becomes metric updates, committed and pushed. It never
 * hurts the agent: exit status 0 and nothing on stdout whatever happens, and it ends by the configured deadline.
 */
public final class HookCommand {
    public static final String HOOK_DURATION = "hookmeter_hook_duration_seconds";

    private HookCommand() {
    }

    /**
     * The components that see every event inside the same state update (see {@link EventListener}). Add yours here.
     */
    static List<EventListener> listeners(HookConfig config) {
        return List.of(new io.hookmeter.hook.tokens.TokenListener(config),
                new io.hookmeter.hook.activity.ActivityListener());
    }

    /** Runs the hook; always returns 0. */
    public static int run(InputStream stdin, Map<String, String> env, PrintStream stderr) {
        long start = ProcessClock.startMillis();
        HookConfig config;
        HookLog log;
        Watchdog watchdog;
        try {
            config = HookConfig.load(env);
            log = new HookLog(config.home(), stderr);
            watchdog = Watchdog.start(start + config.deadlineMillis(), log);
        } catch (RuntimeException | Error e) {
            stderr.println("hookmeter: " + e);
            return 0;
        }
        try {
            if (config.problem() != null) {
                log.accept(config.problem());
            }
            watchdog.phase("reading the event");
            HookEvent event = null;
            String rejection = null;
            try {
                event = HookEventParser.parse(stdin);
            } catch (MalformedEventException e) {
                rejection = e.reason();
                log.accept("hook input rejected (" + e.reason() + "): " + e.getMessage());
            }
            watchdog.phase("updating the state");
            HookEvent parsed = event;
            String rejected = rejection;
            EventContext context = new EventContext(config, log, start, watchdog::remainingMillis);
            EventRecorder recorder = new EventRecorder(listeners(config));
            new StateUpdate(config, log).run(state -> {
                if (parsed != null) {
                    recorder.record(parsed, state, context);
                } else {
                    SelfMetrics.rejected(state, rejected);
                }
                hookDuration(state).observe((System.currentTimeMillis() - start) / 1000.0,
                        EventRecorder.eventLabel(parsed));
                watchdog.phase("pushing");
            }, false, watchdog::remainingMillis);
        } catch (Exception | LinkageError | OutOfMemoryError e) {
            log.accept("hook failed: " + e);
        } finally {
            watchdog.cancel();
        }
        return 0;
    }

    public static HistogramFamily hookDuration(MetricsState state) {
        return state.histogram(HOOK_DURATION,
                "Wall time of hookmeter hook runs from process start to the committed state, by event.",
                Buckets.seconds(), "event");
    }
}
