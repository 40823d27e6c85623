package io.hookmeter.hook.tokens;

/**
 * One assistant line of a transcript that carries usage. Claude Code writes one API response as several lines
 * sharing {@code message.id} + {@code requestId}; {@link #key()} is that pair. {@code timestamp} is the line's
 * ISO-8601 {@code timestamp} as written (null when absent), kept as text: only offline reports need it parsed.
 */
public record AssistantUsage(String messageId, String requestId, String model, boolean sidechain, Usage usage,
                             String timestamp) {

    public AssistantUsage(String messageId, String requestId, String model, boolean sidechain, Usage usage) {
        this(messageId, requestId, model, sidechain, usage, null);
    }

    public String key() {
        return messageId + ':' + requestId;
    }

    /** The dedup preference: a non-sidechain entry beats a sidechain replay, then the larger usage wins. */
    public boolean preferredOver(boolean otherSidechain, Usage otherUsage) {
        if (sidechain != otherSidechain) {
            return !sidechain;
        }
        return usage.total() > otherUsage.total();
    }
}
