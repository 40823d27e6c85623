package io.hookmeter.hook.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The {@code Date} header's value, formatted once a second instead of once a request. */
final class HttpDate {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static volatile long second = -1;
    private static volatile String text = "";

    private HttpDate() {
    }

    static String now() {
        long now = System.currentTimeMillis() / 1000;
        if (now != second) {
            text = FORMAT.format(Instant.ofEpochSecond(now));
            second = now;
        }
        return text;
    }
}
