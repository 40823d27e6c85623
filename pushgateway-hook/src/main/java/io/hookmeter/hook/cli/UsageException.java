package io.hookmeter.hook.cli;

/** A bad command line: reported with the command's usage, exit status 2. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
