package io.hookmeter.hook.spool;

import io.hookmeter.hook.agent.AgentFiles;
import io.hookmeter.hook.cli.Command;
import io.hookmeter.hook.cli.Context;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.log.HookLog;
import io.hookmeter.hook.push.Pusher;
import io.hookmeter.hook.push.StateUpdate;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code hookmeter push}: a barrier. It applies everything handed over before it started (whether or not an agent
 * runs: the lock and the spool's exactly-once transaction make that safe; events a running agent took over HTTP are
 * first waited for until it moved them into the spool, see {@link SpoolJournal#awaitSealed}) and pushes, even when the circuit breaker
 * is open. Exit 0 only once all of it is pushed; 1 with the reason when the Pushgateway cannot be reached (nothing
 * is lost: the totals stay in the state and the next push carries them).
 */
public final class PushCommand implements Command {
    /** A running agent moves what POST /hook took into the spool with its next batch, well within this. */
    static final long SEAL_WAIT_MILLIS = 10_000;

    @Override
    public int run(List<String> args, Context context) {
        PrintStream out = context.out();
        PrintStream err = context.err();
        HookConfig config = HookConfig.load(context.env());
        HookLog log = new HookLog(config.home(), err);
        // Run by a person: each problem (such as the Pushgateway's 401) goes to stderr as well as to the log.
        Consumer<String> report = log.andThen(message -> err.println("hookmeter: " + message));
        Pusher pusher = new Pusher(config, report);
        try {
            String unsealed = SpoolJournal.awaitSealed(Spool.in(config.home()), config.home().resolve(AgentFiles.LOCK),
                    SEAL_WAIT_MILLIS);
            if (unsealed != null) {
                report.accept("not a complete barrier: " + unsealed);
            }
            Pusher.Outcome outcome = new SpoolDrain(config, report)
                    .drainAll(StateUpdate.PushMode.FORCE, StateUpdate.pushBudget(config));
            switch (outcome) {
                case PUSHED -> {
                    out.println("pushed to " + pusher.groupUrl());
                    return unsealed == null ? 0 : 1;
                }
                case DISABLED -> {
                    err.println("hookmeter: pushing is disabled (push.enabled=false in "
                            + config.home().resolve(HookConfig.FILE) + ")");
                    return 1;
                }
                default -> {
                    err.println("hookmeter: not pushed; the reason above is also in " + log.file());
                    return 1;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Never a stack trace for a person; the log keeps the exception's class for a bug report.
            log.accept("push failed: " + e);
            err.println("hookmeter: cannot update the state in " + config.home() + ": " + e.getMessage());
            return 1;
        }
    }
}
