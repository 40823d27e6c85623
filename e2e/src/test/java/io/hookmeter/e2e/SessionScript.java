package io.hookmeter.e2e;

import io.hookmeter.e2e.FakeAnthropic.Reply;
import io.hookmeter.e2e.FakeAnthropic.Text;
import io.hookmeter.e2e.FakeAnthropic.Usage;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The scripted print-mode session ({@code claude -p}): a succeeding and a failing Bash, Write, Read and Glob in
 * parallel, Edit, a git command, a Bash call the permission rules refuse, a background subagent that runs a command,
 * and a final answer with known usage. The subagent's last answer waits until the main prompt's final answer has
 * gone out, so the client's {@code <task-notification>} prompt always comes after the user's turn.
 */
final class SessionScript extends MarkedScript {
    static final String MAIN = "HOOKMETER-E2E-MAIN";
    static final String SUB = "HOOKMETER-E2E-SUB";
    static final String PROMPT = MAIN + ": exercise the tools, then answer.";
    /** What --allowedTools allows; {@link #REFUSED_COMMAND} matches none of it, and print mode asks nobody. */
    static final List<String> ALLOWED_TOOLS = List.of("Bash(echo:*)", "Bash(sh:*)", "Bash(git:*)", "Write", "Read",
            "Edit", "Glob", "Agent");
    static final String REFUSED_COMMAND = "touch refused.txt";
    static final Usage FINAL_USAGE = new Usage(1234, 567, 89, 4321);
    static final Usage NOTIFICATION_USAGE = new Usage(40, 8, 0, 0);
    static final int MAIN_STEPS = 9;

    private final CountDownLatch mainAnswered = new CountDownLatch(1);

    /** @param project the client's working directory (file tools want absolute paths) */
    SessionScript(Path project) {
        String notes = project.resolve("notes.txt").toString();
        prompt(MAIN,
                step(usage(0), bash("main_0", "echo hello")),
                step(usage(1), bash("main_1", "sh -c 'echo failing >&2; exit 3'")),
                step(usage(2), tool("main_2", "Write", "file_path", notes, "content", "one\ntwo\n")),
                // Two calls in one answer: the client runs them in parallel and sends one PostToolBatch for both.
                step(usage(3), tool("main_3a", "Read", "file_path", notes),
                        tool("main_3b", "Glob", "pattern", "*.txt", "path", project.toString())),
                step(usage(4), tool("main_4", "Edit", "file_path", notes, "old_string", "two", "new_string", "three")),
                step(usage(5), bash("main_5", "git add notes.txt && git status --short")),
                step(usage(6), bash("main_6", REFUSED_COMMAND)),
                step(usage(7), tool("main_7", "Agent", "description", "Background check", "prompt",
                        SUB + ": run one command, then report.", "subagent_type", "general-purpose",
                        "run_in_background", true)),
                new Reply(List.of(new Text("All done.")), FINAL_USAGE));
        prompt(SUB,
                step(new Usage(300, 30, 0, 0), bash("sub_0", "echo from-subagent")),
                Reply.text("Subagent report: fine.", new Usage(310, 31, 0, 0)));
    }

    /** The usage of main step {@code n}: distinct numbers, so a count off by one answer shows. */
    static Usage usage(int n) {
        return new Usage(100 + n, 10 + n, 0, 0);
    }

    @Override
    protected void beforeReply(String marker, int step) throws InterruptedException {
        if (marker.equals(MAIN) && step == MAIN_STEPS - 1) {
            mainAnswered.countDown();
        } else if (marker.equals(SUB) && step == 1 && !mainAnswered.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the main prompt never reached its final answer");
        }
    }

    @Override
    protected Reply notificationReply() {
        return Reply.text("Noted: the background check finished.", NOTIFICATION_USAGE);
    }
}
