package io.hookmeter.hook;

import io.hookmeter.harness.Launchers;
import io.hookmeter.hook.cli.Context;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandTableTest {
    @Test
    void docsListTheCommandsOfTheTableWithTheSameUsageInTheSameOrder() throws IOException {
        List<String> table = new ArrayList<>();
        for (CommandTable command : CommandTable.values()) {
            command.usages().forEach(usage -> table.add(command.line(usage)));
        }
        assertEquals(table, documented(), "docs/hook.md's command table and CommandTable must agree");
    }

    /** The first column of docs/hook.md's table under "## Commands", Markdown's {@code \|} read as {@code |}. */
    private static List<String> documented() throws IOException {
        String doc = Files.readString(Launchers.repoRoot().resolve("docs/hook.md"));
        int section = doc.indexOf("\n## Commands\n");
        assertTrue(section >= 0, "docs/hook.md has a Commands section");
        List<String> commands = new ArrayList<>();
        boolean inTable = false;
        for (String line : doc.substring(section).lines().skip(2).toList()) {
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            if (line.startsWith("| `hookmeter ")) {
                String cell = line.substring(3, line.indexOf("` |"));
                commands.add(cell.replace("\\|", "|"));
            }
        }
        return commands;
    }

    @Test
    void aliasesAndUnknownNames() {
        assertEquals(CommandTable.VERSION, CommandTable.find("--version"));
        assertEquals(CommandTable.HELP, CommandTable.find("-h"));
        assertEquals(CommandTable.IMPORT_CSV, CommandTable.find("import-csv"));
        assertNull(CommandTable.find("nonsense"));
    }

    @Test
    void helpListsEveryCommand() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, CommandTable.HELP.run(List.of(), context(out, new ByteArrayOutputStream())));
        String help = out.toString(StandardCharsets.UTF_8);
        for (CommandTable command : CommandTable.values()) {
            assertTrue(help.contains("  hookmeter " + command.commandName()), help);
        }
    }

    @Test
    void aCommandWithoutArgumentsRefusesExtraOnes() {
        for (CommandTable command : List.of(CommandTable.PUSH, CommandTable.DOCTOR, CommandTable.VERSION,
                CommandTable.WARMUP, CommandTable.HELP)) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(2, command.run(List.of("now"), context(new ByteArrayOutputStream(), err)), command.name());
            assertEquals("hookmeter " + command.commandName() + ": takes no arguments, got: now\nusage: hookmeter "
                    + command.commandName() + "\n", err.toString(StandardCharsets.UTF_8).replace("\r", ""));
        }
    }

    @Test
    void aBadCommandLineIsReportedWithTheUsageAndExits2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CommandTable.RECORD.run(List.of("--name", "x", "--bogus", "1"),
                context(new ByteArrayOutputStream(), err));
        assertEquals(2, code);
        assertEquals("hookmeter record: unknown option --bogus\nusage: " + CommandTable.RECORD.line(
                CommandTable.RECORD.usages().get(0)) + "\n", err.toString(StandardCharsets.UTF_8).replace("\r", ""));
    }

    @Test
    void everyRowMakesItsCommand() {
        for (CommandTable command : CommandTable.values()) {
            assertNotNull(command.create(), command.commandName());
        }
    }

    private static Context context(ByteArrayOutputStream out, ByteArrayOutputStream err) {
        return new Context(InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }
}
