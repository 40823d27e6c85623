package io.hookmeter.harness;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What a finished command left behind: exit code, both output streams and its wall time. */
public record CommandResult(int exitCode, byte[] stdout, byte[] stderr, Duration elapsed) {

    public String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String err() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + " after " + elapsed.toMillis() + " ms\n--- stdout ---\n" + out()
                + "\n--- stderr ---\n" + err();
    }
}
