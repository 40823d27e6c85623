package io.hookmeter.hook.claude;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class GitCommandsTest {
    @Test
    void findsEverySubcommandWithGlobalOptionsSkipped() {
        assertEquals(List.of("status", "diff"), GitCommands.subcommands("git status && git --no-pager diff HEAD"));
        assertEquals(List.of("log"), GitCommands.subcommands("git -C /tmp/x -c core.pager=cat log -5"));
        assertEquals(List.of("push"), GitCommands.subcommands("(cd a; /usr/bin/git push origin main)"));
        assertEquals(List.of("other"), GitCommands.subcommands("git my-alias"));
        assertEquals(List.of(), GitCommands.subcommands("echo digit; gitk; legit status"));
        assertEquals(List.of(), GitCommands.subcommands(null));
    }

    @Test
    void exitCodesComeFromTheFirstLineOnly() {
        assertEquals(2, ExitCodes.parse("Exit code 2\nstderr text"));
        assertEquals(127, ExitCodes.parse("Exit code 127"));
        assertNull(ExitCodes.parse("Command failed\nExit code 2"));
        assertNull(ExitCodes.parse("Exit code abc"));
        assertNull(ExitCodes.parse(null));
    }
}
