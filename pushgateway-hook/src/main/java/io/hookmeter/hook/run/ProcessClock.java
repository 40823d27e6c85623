package io.hookmeter.hook.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * When this process started, in Unix milliseconds, including the launcher script and JVM start-up: on Linux from
 * {@code /proc/self/stat} and {@code /proc/uptime} (10 ms resolution); elsewhere the time {@code main} was entered.
 * ({@code ProcessHandle.Info.startInstant()} is no good here: on Linux it is only accurate to the second.)
 */
public final class ProcessClock {
    /** Clock ticks per second of {@code /proc/self/stat}; 100 on every mainstream Linux. */
    private static final long TICKS_PER_SECOND = 100;
    private static final long MAX_PLAUSIBLE_AGE_MS = 60_000;

    private ProcessClock() {
    }

    public static long startMillis() {
        long now = System.currentTimeMillis();
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            // Fields after the command name (which may contain spaces) start with field 3, state.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(fields[22 - 3]);
            String uptime = Files.readString(Path.of("/proc/uptime"), StandardCharsets.US_ASCII);
            double uptimeSeconds = Double.parseDouble(uptime.substring(0, uptime.indexOf(' ')));
            long ageMillis = Math.round(uptimeSeconds * 1000) - startTicks * 1000 / TICKS_PER_SECOND;
            if (ageMillis >= 0 && ageMillis < MAX_PLAUSIBLE_AGE_MS) {
                return now - ageMillis;
            }
        } catch (Exception ignored) {
            // Not Linux, or an unexpected /proc: fall back to now.
        }
        return now;
    }
}
