package io.hookmeter.hook.run;

import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.log.HookLog;
import io.hookmeter.hook.push.Pusher;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/** {@code hookmeter push}: pushes the current totals now, even when the circuit breaker is open. */
public final class PushCommand {
    private PushCommand() {
    }

    public static int run(Map<String, String> env, PrintStream out, PrintStream err) {
        HookConfig config = HookConfig.load(env);
        HookLog log = new HookLog(config.home(), err);
        Pusher pusher = new Pusher(config, log);
        try {
            Pusher.Outcome outcome = new StateUpdate(config, log).run(state -> { }, true,
                    () -> config.connectTimeoutMillis() + (long) config.timeoutMillis());
            switch (outcome) {
                case PUSHED -> {
                    out.println("pushed to " + pusher.groupUrl());
                    return 0;
                }
                case DISABLED -> {
                    err.println("hookmeter: pushing is disabled (push.enabled=false in "
                            + config.home().resolve(HookConfig.FILE) + ")");
                    return 1;
                }
                default -> {
                    err.println("hookmeter: push to " + pusher.groupUrl() + " failed; see " + log.file());
                    return 1;
                }
            }
        } catch (IOException e) {
            err.println("hookmeter: cannot update the state in " + config.home() + ": " + e.getMessage());
            return 1;
        }
    }
}
