package io.hookmeter.hook.toolcall;

/**
 * One finished tool call or command, from a hook event, {@code hookmeter exec}, {@code record} or a CSV import.
 *
 * @param tool            tool name (Bash, Read, mcp__server__tool, or the NAME of exec/record)
 * @param outcome         {@link #SUCCESS}, {@link #ERROR}, {@link #INTERRUPTED} or {@link #EXPIRED}
 * @param agent           {@code main}, or the subagent's type
 * @param durationSeconds measured duration, or null when none is known (never invented)
 * @param timestampSeconds when the call finished, Unix seconds
 * @param exitCode        the command's exit code when known, else null
 */
public record ToolCall(String tool, String outcome, String agent, Double durationSeconds, double timestampSeconds,
                       Integer exitCode) {
    public static final String SUCCESS = "success";
    public static final String ERROR = "error";
    public static final String INTERRUPTED = "interrupted";
    /** A start that was dropped unfinished (too old, or over the bound of open calls): its end is unknown. */
    public static final String EXPIRED = "expired";
    public static final String MAIN_AGENT = "main";
}
