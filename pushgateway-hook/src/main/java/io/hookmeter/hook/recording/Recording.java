package io.hookmeter.hook.recording;

import io.hookmeter.hook.agent.AgentFiles;
import io.hookmeter.hook.cli.Context;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.log.HookLog;
import io.hookmeter.hook.push.StateUpdate;
import io.hookmeter.hook.spool.Spool;
import io.hookmeter.hook.spool.SpoolDrain;

import java.io.IOException;
import java.io.PrintStream;

/**
 * Shared by exec, record and import-csv: one way in. The observation goes through the spool like a hook event, so
 * there is one path and one order; where no agent runs (a CI job) the command applies the spool and pushes before
 * it exits, under the same lock and in the same transaction the agent uses.
 */
final class Recording {
    private Recording() {
    }

    /** True when the observation was handed over (a failed push is only logged: the next push carries it). */
    static boolean handOver(Context context, String kind, byte[] body) {
        PrintStream err = context.err();
        HookConfig config = HookConfig.load(context.env());
        HookLog log = new HookLog(config.home(), err);
        try {
            if (Spool.in(config.home()).write(kind, body) == null) {
                err.println("hookmeter: the spool in " + config.home() + " is full; this observation was dropped"
                        + " (counted in hookmeter_events_dropped_total)");
                return false;
            }
            if (!new AgentFiles(config.home()).running()) {
                new SpoolDrain(config, log).drainAll(StateUpdate.PushMode.NORMAL, StateUpdate.pushBudget(config));
            }
            return true;
        } catch (IOException | RuntimeException e) {
            err.println("hookmeter: cannot record in " + config.home() + ": " + e.getMessage());
            return false;
        }
    }
}
