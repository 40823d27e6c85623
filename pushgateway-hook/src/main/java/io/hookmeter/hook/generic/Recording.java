package io.hookmeter.hook.generic;

import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.log.HookLog;
import io.hookmeter.hook.run.StateUpdate;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/** Shared by exec, record and import-csv: apply a change to the state under the lock and push, reporting problems. */
final class Recording {
    private Recording() {
    }

    /** True when the change was committed (a failed push is only logged: the next push carries it). */
    static boolean commit(Map<String, String> env, PrintStream err, StateUpdate.Change change) {
        HookConfig config = HookConfig.load(env);
        HookLog log = new HookLog(config.home(), err);
        try {
            new StateUpdate(config, log).run(change, false,
                    () -> config.connectTimeoutMillis() + (long) config.timeoutMillis());
            return true;
        } catch (IOException | RuntimeException e) {
            err.println("hookmeter: cannot record in " + config.home() + ": " + e.getMessage());
            return false;
        }
    }
}
