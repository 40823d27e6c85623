package io.hookmeter.hook.state;

/** The state file cannot be understood: it is moved aside and the state starts fresh. */
public final class CorruptStateException extends Exception {
    public CorruptStateException(String message) {
        super(message);
    }

    public CorruptStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
