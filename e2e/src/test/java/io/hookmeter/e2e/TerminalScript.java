package io.hookmeter.e2e;

import io.hookmeter.e2e.FakeAnthropic.Reply;
import io.hookmeter.e2e.FakeAnthropic.Usage;

/**
 * The interactive session under tmux: a long Bash the user interrupts with Escape, then a Bash that needs approval,
 * which the user refuses in the permission dialog, then a plain answer.
 */
final class TerminalScript extends MarkedScript {
    static final String SLEEP = "HOOKMETER-E2E-SLEEP";
    static final String ASK = "HOOKMETER-E2E-ASK";
    static final String HELLO = "HOOKMETER-E2E-HELLO";
    static final String SLEEP_COMMAND = "sh -c 'sleep 45; echo woke'";
    static final String ASK_COMMAND = "touch asked.txt";

    TerminalScript() {
        prompt(SLEEP, step(new Usage(50, 5, 0, 0), bash("tty_sleep", SLEEP_COMMAND)),
                Reply.text("Stopped.", new Usage(51, 6, 0, 0)));
        prompt(ASK, step(new Usage(60, 6, 0, 0), bash("tty_ask", ASK_COMMAND)),
                Reply.text("Not done.", new Usage(61, 7, 0, 0)));
        prompt(HELLO, Reply.text("Hello there.", new Usage(70, 8, 11, 22)));
    }
}
