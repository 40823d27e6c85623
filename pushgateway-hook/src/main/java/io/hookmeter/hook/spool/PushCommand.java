package io.hookmeter.hook.spool;

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
 * runs: the lock and the spool's exactly-once transaction make that safe) and pushes, even when the circuit breaker
 * is open. Exit 0 only once all of it is pushed; 1 with the reason when the Pushgateway cannot be reached (nothing
 * is lost: the totals stay in the state and the next push carries them).
 */
public final class PushCommand implements Command {
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
            Pusher.Outcome outcome = new SpoolDrain(config, report)
                    .drainAll(StateUpdate.PushMode.FORCE, StateUpdate.pushBudget(config));
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
