package io.hookmeter.e2e;

import io.hookmeter.e2e.FakeAnthropic.Reply;
import io.hookmeter.e2e.FakeAnthropic.Usage;

import java.util.List;

/**
 * A print-mode run as {@code claude --agent reviewer}: the main thread's events then carry {@code agent_type}
 * without {@code agent_id}, and must still count as {@code agent="main"}.
 */
final class AgentScript extends MarkedScript {
    static final String MARKER = "HOOKMETER-E2E-AGENT";
    static final String PROMPT = MARKER + ": run one command.";
    static final String AGENT = "reviewer";
    static final List<String> ALLOWED_TOOLS = List.of("Bash(echo:*)");
    /** A project agent definition, as .claude/agents/reviewer.md. */
    static final String DEFINITION = "---\nname: " + AGENT + "\ndescription: Reviews changes (e2e test agent).\n"
            + "---\nYou review changes.\n";

    AgentScript() {
        prompt(MARKER, step(new Usage(30, 3, 0, 0), bash("agent_0", "echo reviewing")),
                Reply.text("Reviewed.", new Usage(31, 4, 0, 0)));
    }
}
