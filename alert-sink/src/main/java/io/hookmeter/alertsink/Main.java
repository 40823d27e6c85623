package io.hookmeter.alertsink;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code hookmeter-alert-sink}: bad options exit 2 with one line on stderr; SIGTERM stops it cleanly. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(SinkOptions.USAGE);
            return;
        }
        SinkOptions options;
        try {
            options = SinkOptions.parse(arguments, System.getenv());
        } catch (SinkOptions.OptionException e) {
            System.err.println("hookmeter-alert-sink: " + e.getMessage());
            System.exit(2);
            return;
        }
        SinkServer server;
        try {
            server = SinkServer.start(options);
        } catch (IOException e) {
            System.err.println("hookmeter-alert-sink: cannot listen on " + options.listen() + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "alert-sink-shutdown"));
        System.err.println("hookmeter-alert-sink: listening on " + options.listen() + ", logging to "
                + options.logFile().toAbsolutePath() + ", firing set in " + options.stateFile());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
