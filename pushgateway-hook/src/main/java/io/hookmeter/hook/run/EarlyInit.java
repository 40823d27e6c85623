package io.hookmeter.hook.run;

import io.hookmeter.hook.state.StateJson;

import java.io.IOException;
import java.net.InetAddress;

/**
 * Initializes, on a second thread, the classes a hook run needs later and whose static initializers are slow in a
 * fresh JVM, while the main thread reads the configuration and the event: the run has two cores and would
 * otherwise leave one idle. Measured on JDK 25 with the AOT cache (docs/benchmarks.md): Jackson's parser base
 * class holds {@code BigInteger} constants, whose initialization (with the {@code ForkJoinPool} it touches) took
 * about 12 ms of the first {@code createParser}; {@code InetAddress}'s reads the JDK's security properties file
 * (JDK 22+), several ms of the push. A class being initialized here makes the main thread wait for it, never run
 * it twice; anything that fails here is simply done again by the main thread when it gets there.
 */
final class EarlyInit implements Runnable {
    private EarlyInit() {
    }

    /** Starts the daemon thread and returns at once; without a thread (out of memory) the run just goes slower. */
    static void start() {
        try {
            Thread thread = new Thread(new EarlyInit(), "hookmeter-early-init");
            thread.setDaemon(true);
            thread.start();
        } catch (RuntimeException | OutOfMemoryError ignored) {
            // Nothing lost but the head start.
        }
    }

    @Override
    public void run() {
        try {
            StateJson.FACTORY.createParser(new byte[] {'{', '}'}).close();
            InetAddress.getLoopbackAddress();
        } catch (IOException | RuntimeException | LinkageError ignored) {
            // The main thread initializes these itself, and reports what really fails.
        }
    }
}
