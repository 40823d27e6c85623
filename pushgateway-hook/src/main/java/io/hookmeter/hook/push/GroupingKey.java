package io.hookmeter.hook.push;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The Pushgateway URL path of our group, {@code /metrics/job/hookmeter/instance/<instance>/user/<user>}. Values
 * that are not plain URL-safe text (a slash, spaces, empty) use the Pushgateway's {@code @base64} form.
 */
public final class GroupingKey {
    public static final String JOB = "hookmeter";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._~-]+");

    private GroupingKey() {
    }

    public static String path(String instance, String user) {
        return "/metrics/job/" + JOB + segment("instance", instance) + segment("user", user);
    }

    private static String segment(String label, String value) {
        if (value != null && PLAIN.matcher(value).matches()) {
            return "/" + label + "/" + value;
        }
        String encoded = Base64.getUrlEncoder().encodeToString(
                (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
        return "/" + label + "@base64/" + (encoded.isEmpty() ? "=" : encoded);
    }
}
