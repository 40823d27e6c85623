package io.hookmeter.hook.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgsTest {
    @Test
    void optionsThenPositionalArguments() throws UsageException {
        Args args = Args.parse(List.of("--name", "build", "--agent=ci", "make", "--jobs", "4"), "--name NAME",
                "--agent AGENT");
        assertEquals("build", args.get("--name"));
        assertEquals("ci", args.get("--agent"));
        assertEquals(List.of("make", "--jobs", "4"), args.positional(), "the first non-option ends the options");
        assertEquals(List.of("--x"), Args.parse(List.of("--", "--x"), "--name NAME").positional());
    }

    @Test
    void flagsAndOptionalValues() throws UsageException {
        Args args = Args.parse(List.of("--json", "--service"), "--json", "--service[=KIND]");
        assertTrue(args.has("--json"));
        assertEquals("", args.get("--service"));
        assertEquals("launchd", Args.parse(List.of("--service=launchd"), "--service[=KIND]").get("--service"));
        assertFalse(Args.parse(List.of(), "--json").has("--json"));
        assertNull(Args.parse(List.of(), "--name NAME").get("--name"));
    }

    @Test
    void badCommandLinesSayWhatIsWrong() {
        assertEquals("unknown option --bogus",
                assertThrows(UsageException.class, () -> Args.parse(List.of("--bogus"), "--json")).getMessage());
        assertEquals("--name needs a value",
                assertThrows(UsageException.class, () -> Args.parse(List.of("--name"), "--name NAME")).getMessage());
        assertEquals("--json takes no value",
                assertThrows(UsageException.class, () -> Args.parse(List.of("--json=1"), "--json")).getMessage());
        assertEquals("--name is required", assertThrows(UsageException.class,
                () -> Args.parse(List.of("--name="), "--name NAME").require("--name")).getMessage());
        assertEquals("unexpected argument b", assertThrows(UsageException.class,
                () -> Args.parse(List.of("a", "b")).positional(1, 1)).getMessage());
        assertEquals("missing argument",
                assertThrows(UsageException.class, () -> Args.parse(List.of()).positional(1, 1)).getMessage());
    }
}
