package io.hookmeter.hook.claude;

import java.util.List;

/**
 * The hook event fields Hookmeter uses (docs/design.md#claude-code-facts); absent ones are null. Identifiers and
 * paths ({@code sessionId}, {@code toolUseId}, {@code transcriptPath}, {@code command}) are for pairing and reading
 * files only: never use them as label values. {@code promptOrigin} is {@link #ORIGIN_USER} or {@link #ORIGIN_AGENT} for
 * a UserPromptSubmit (the prompt itself is not kept), {@code finalMessage} is MessageDisplay's {@code final}, and
 * {@code toolCalls} lists a PostToolBatch's calls (empty for every other event).
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
        String command,
        String promptOrigin,
        Boolean finalMessage,
        List<BatchCall> toolCalls) {

    /** {@code prompt_origin} of a prompt Claude Code submitted by itself (a finished background task's report). */
    public static final String ORIGIN_AGENT = "agent";
    /** {@code prompt_origin} of a prompt a person typed. */
    public static final String ORIGIN_USER = "user";

    /** One entry of a PostToolBatch's {@code tool_calls}: the start of its {@code tool_response} text is kept. */
    public record BatchCall(String toolUseId, String toolName, String response) {
    }

    /** The event without the fields only some events have (prompt origin, message finality, batch calls). */
    public HookEvent(String name, String sessionId, String transcriptPath, String cwd, String agentId,
                     String agentType, String agentTranscriptPath, String toolName, String toolUseId,
                     Double durationMs, String error, Boolean isInterrupt, String source, String reason,
                     String trigger, String notificationType, String command) {
        this(name, sessionId, transcriptPath, cwd, agentId, agentType, agentTranscriptPath, toolName, toolUseId,
                durationMs, error, isInterrupt, source, reason, trigger, notificationType, command, null, null,
                List.of());
    }

    public HookEvent {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /** True when the event comes from inside a subagent: only {@code agent_id} says so, not {@code agent_type}. */
    public boolean inSubagent() {
        return agentId != null && !agentId.isBlank();
    }

    /**
     * {@code main}, or the subagent's type when the event comes from inside a subagent. With
     * {@code claude --agent NAME} the main thread's events carry {@code agent_type} without {@code agent_id}: main.
     */
    public String agent() {
        if (!inSubagent()) {
            return "main";
        }
        return agentType != null && !agentType.isBlank() ? agentType : "subagent";
    }
}
