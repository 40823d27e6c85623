package io.hookmeter.hook.claude;

/** The hook input cannot be used; {@link #reason()} is the bounded label value for the rejection counter. */
public final class MalformedEventException extends Exception {
    private final String reason;

    public MalformedEventException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
