package io.hookmeter.hook.agent;

import io.hookmeter.hook.claude.EventListener;
import io.hookmeter.hook.claude.EventRecorder;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.spool.EventListeners;
import io.hookmeter.hook.spool.SpoolDrain;
import io.hookmeter.hook.tokens.TokenListener;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything of the agent that follows from the configuration, made again when config.properties changes (new
 * credentials, a new Pushgateway take effect without a restart).
 *
 * @param tokens        the token listener, whose transcripts are read once more after a Stop; null without one
 * @param drain         applies the spool with this configuration's listeners
 * @param rereadMillis  how long after a Stop a transcript is read again (0: never)
 * @param refreshMillis the agent pushes at least this often, events or not (0: only after changes)
 * @param idleMillis    exit after this long without events ({@link Long#MAX_VALUE}: never)
 * @param stamp         the config file's {@link FileStamp} when this was read
 * @param env           the environment the configuration is read with (HOOKMETER_* overrides)
 */
record AgentSettings(HookConfig config, TokenListener tokens, SpoolDrain drain, long rereadMillis,
                     long refreshMillis, long idleMillis, String stamp, Map<String, String> env) {
    static AgentSettings of(HookConfig config, Map<String, String> env, Consumer<String> log) {
        List<EventListener> listeners = EventListeners.of(config);
        TokenListener tokens = null;
        for (EventListener listener : listeners) {
            if (listener instanceof TokenListener t) {
                tokens = t;
            }
        }
        // 0: never (a service manager runs it).
        long idleSeconds = Math.max(0, config.getLong("agent.idle_exit_seconds", 43_200));
        return new AgentSettings(config, tokens, new SpoolDrain(config, log, new EventRecorder(listeners)),
                Math.max(0, config.getLong("agent.transcript_reread_ms", 5000)),
                Math.max(0, config.getLong("agent.push_refresh_seconds", 300)) * 1000,
                idleSeconds == 0 ? Long.MAX_VALUE : idleSeconds * 1000,
                FileStamp.of(file(config)), env);
    }

    /** These settings, or new ones when the config file changed since. */
    AgentSettings reloadIfChanged(Consumer<String> log) {
        Path file = file(config);
        if (FileStamp.of(file).equals(stamp)) {
            return this;
        }
        HookConfig reloaded = HookConfig.load(env);
        log.accept("agent: " + file + " changed, configuration reloaded"
                + (reloaded.problem() != null ? " (" + reloaded.problem() + ")" : ""));
        return of(reloaded, env, log);
    }

    private static Path file(HookConfig config) {
        return config.home().resolve(HookConfig.FILE);
    }
}
