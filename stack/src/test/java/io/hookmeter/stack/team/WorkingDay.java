package io.hookmeter.stack.team;

import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** A fixed "now" for scripts/simulate-team's --end, so that tests see working hours whenever they run. */
public final class WorkingDay {
    private WorkingDay() {
    }

    /** 16:00 UTC of the latest Tuesday to Thursday before now: most simulated time zones are at work then. */
    public static long lastAfternoon() {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        ZonedDateTime t = now.truncatedTo(ChronoUnit.DAYS).withHour(16);
        while (t.isAfter(now) || t.getDayOfWeek().compareTo(DayOfWeek.TUESDAY) < 0
                || t.getDayOfWeek().compareTo(DayOfWeek.THURSDAY) > 0) {
            t = t.minusDays(1);
        }
        return t.toEpochSecond();
    }
}
