package io.hookmeter.hook.run;

import java.net.InetAddress;

/**
 * Runs, on a second thread, the slowest class initializations the hook's main thread would otherwise wait for, so
 * they overlap with its own start (clock, configuration, log, watchdog). Only JDK classes whose initializers do not
 * depend on any class of ours, so the two threads can never wait on each other.
 */
public final class Preload implements Runnable {
    private static boolean started;

    private Preload() {
    }

    /** Starts the thread once per JVM (the warmup runs many hooks in one JVM). */
    public static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        Thread thread = new Thread(new Preload(), "hookmeter-preload");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            // Jackson's parser base class holds BigDecimal constants, and since JDK 24 BigDecimal's static initializer
            // computes 5^(2^16) (10-15 ms on a cold JVM, 0.3 ms on JDK 17): every JSON parser of the run waits for it.
            Class.forName("java.math.BigDecimal");
            // The push: InetAddress's initializer reads the JDK's conf/net.properties.
            InetAddress.getLoopbackAddress();
        } catch (Throwable ignored) {
            // Only a head start: the main thread does the same work itself when it gets there.
        }
    }
}
