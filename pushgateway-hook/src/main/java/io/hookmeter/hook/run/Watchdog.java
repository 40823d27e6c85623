package io.hookmeter.hook.run;

import java.util.function.Consumer;

/**
 * The hard deadline of one hook run: at {@code deadline} it logs what the run was doing and halts the JVM with exit
 * status 0. The state file is always whole (temp file and rename), so what was committed stays; an update not yet
 * committed is lost and logged.
 */
public final class Watchdog {
    private final long deadlineMillis;
    private final Thread thread;
    private volatile String phase = "starting";

    private Watchdog(long deadlineMillis, Consumer<String> log) {
        this.deadlineMillis = deadlineMillis;
        this.thread = new Thread(() -> {
            try {
                long wait;
                while ((wait = deadlineMillis - System.currentTimeMillis()) > 0) {
                    Thread.sleep(wait);
                }
                log.accept("deadline reached while " + phase + "; exiting 0");
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // Fall through to halt: the deadline is what matters.
            }
            Runtime.getRuntime().halt(0);
        }, "hookmeter-deadline");
        thread.setDaemon(true);
    }

    public static Watchdog start(long deadlineMillis, Consumer<String> log) {
        Watchdog watchdog = new Watchdog(deadlineMillis, log);
        watchdog.thread.start();
        return watchdog;
    }

    /** What the run is doing now, for the log line when the deadline strikes. */
    public void phase(String what) {
        this.phase = what;
    }

    public long remainingMillis() {
        return Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    public void cancel() {
        thread.interrupt();
    }
}
