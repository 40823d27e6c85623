package io.hookmeter.hook.claude;

/** The exit code in a Bash/PowerShell failure: the first line of {@code error} reads {@code Exit code N}. */
public final class ExitCodes {
    private static final String PREFIX = "Exit code ";

    private ExitCodes() {
    }

    /** The code, or null when the error does not start with one (or it is out of the usual range). */
    public static Integer parse(String error) {
        if (error == null || !error.startsWith(PREFIX)) {
            return null;
        }
        int end = PREFIX.length();
        if (end < error.length() && error.charAt(end) == '-') {
            end++;
        }
        while (end < error.length() && Character.isDigit(error.charAt(end)) && end < PREFIX.length() + 6) {
            end++;
        }
        try {
            int code = Integer.parseInt(error.substring(PREFIX.length(), end));
            return code >= -255 && code <= 65535 ? code : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
