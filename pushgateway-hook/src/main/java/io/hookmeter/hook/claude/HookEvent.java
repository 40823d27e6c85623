package io.hookmeter.hook.claude;

/**
 * The hook event fields Hookmeter uses (docs/design.md#claude-code-facts); absent ones are null. Identifiers and
 * paths ({@code sessionId}, {@code toolUseId}, {@code transcriptPath}, {@code command}) are for pairing and reading
 * files only: never use them as label values.
 */
public record HookEvent(
        String name,
        String sessionId,
        String transcriptPath,
        String cwd,
        String agentId,
        String agentType,
        String agentTranscriptPath,
        String toolName,
        String toolUseId,
        Double durationMs,
        String error,
        Boolean isInterrupt,
        String source,
        String reason,
        String trigger,
        String notificationType,
        String command) {

    /** {@code main}, or the subagent's type when the event comes from inside a subagent. */
    public String agent() {
        if (agentType != null && !agentType.isBlank()) {
            return agentType;
        }
        return agentId != null && !agentId.isBlank() ? "subagent" : "main";
    }
}
