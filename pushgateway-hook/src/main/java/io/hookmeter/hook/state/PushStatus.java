package io.hookmeter.hook.state;

/**
 * What the last pushes did, kept in the state file so that the circuit breaker works across the short-lived hook
 * processes: consecutive failures, until when pushing is suspended, the last success and the last error.
 */
public final class PushStatus {
    private int consecutiveFailures;
    private long openUntilMillis;
    private long lastSuccessMillis;
    private long lastFailureMillis;
    private String lastError = "";

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    public long openUntilMillis() {
        return openUntilMillis;
    }

    public long lastSuccessMillis() {
        return lastSuccessMillis;
    }

    public long lastFailureMillis() {
        return lastFailureMillis;
    }

    public String lastError() {
        return lastError;
    }

    public void succeeded(long nowMillis) {
        consecutiveFailures = 0;
        openUntilMillis = 0;
        lastSuccessMillis = nowMillis;
    }

    /** Records a failure; {@code openUntil} is when the breaker lets the next trial push through (0: closed). */
    public void failed(long nowMillis, String error, long openUntil) {
        consecutiveFailures++;
        lastFailureMillis = nowMillis;
        lastError = error == null ? "" : error;
        openUntilMillis = openUntil;
    }

    void restore(int failures, long openUntil, long lastSuccess, long lastFailure, String error) {
        this.consecutiveFailures = failures;
        this.openUntilMillis = openUntil;
        this.lastSuccessMillis = lastSuccess;
        this.lastFailureMillis = lastFailure;
        this.lastError = error == null ? "" : error;
    }
}
