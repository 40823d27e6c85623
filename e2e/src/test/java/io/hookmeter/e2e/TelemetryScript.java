package io.hookmeter.e2e;

import io.hookmeter.e2e.FakeAnthropic.Reply;
import io.hookmeter.e2e.FakeAnthropic.Usage;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The run with Claude Code's own telemetry on: it writes and edits a file and commits it, so that the lines-of-code
 * and commit counters exist; the final answer waits until the harness has scraped the client's metrics endpoint
 * (print mode exits right after it).
 */
final class TelemetryScript extends MarkedScript {
    static final String MARKER = "HOOKMETER-E2E-TELEMETRY";
    static final String PROMPT = MARKER + ": change a file and commit it.";
    static final List<String> ALLOWED_TOOLS = List.of("Write", "Edit", "Bash(git:*)");

    private final CountDownLatch scraped = new CountDownLatch(1);
    private final CountDownLatch committed = new CountDownLatch(1);

    TelemetryScript(Path project) {
        String file = project.resolve("telemetry.txt").toString();
        prompt(MARKER,
                step(new Usage(20, 2, 0, 0), tool("tel_0", "Write", "file_path", file, "content", "a\nb\nc\n")),
                step(new Usage(21, 3, 0, 0), tool("tel_1", "Edit", "file_path", file, "old_string", "b",
                        "new_string", "B")),
                step(new Usage(22, 4, 0, 0), bash("tel_2", "git add telemetry.txt && git commit -q -m telemetry")),
                Reply.text("Committed.", new Usage(23, 5, 0, 0)));
    }

    @Override
    protected void beforeReply(String marker, int step) throws InterruptedException {
        if (step == 3) {
            committed.countDown();
            if (!scraped.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the metrics endpoint was never scraped");
            }
        }
    }

    /** Waits until the client has done everything but its last answer. */
    boolean awaitWork(long seconds) throws InterruptedException {
        return committed.await(seconds, TimeUnit.SECONDS);
    }

    /** Lets the final answer go out. */
    void scrapeDone() {
        scraped.countDown();
    }
}
