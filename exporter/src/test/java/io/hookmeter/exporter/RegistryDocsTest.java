package io.hookmeter.exporter;

import io.hookmeter.exporter.collect.CollectorSpec;
import io.hookmeter.exporter.collector.Registry;
import io.hookmeter.exporter.config.ConfigLoader;
import io.hookmeter.exporter.config.Setting;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** docs/exporter.md's collectors table and flags table say what the registry and the settings say. */
class RegistryDocsTest {
    private static final Path DOC = Path.of("../docs/exporter.md");

    @Test
    void theCollectorsTableListsTheRegistryInOrderWithItsDefaults() throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        for (List<String> row : table("| collector | default |")) {
            documented.put(unquote(row.get(0)), row.get(1));
        }
        Map<String, String> registry = new LinkedHashMap<>();
        for (CollectorSpec spec : Registry.ALL) {
            registry.put(spec.name(), spec.enabledByDefault() ? "on" : "off");
        }
        assertEquals(registry, documented);
    }

    @Test
    void theFlagsTableDocumentsEverySettingWithItsNamesAndDefault() throws IOException {
        Map<String, List<String>> documented = new LinkedHashMap<>();
        for (List<String> row : table("| flag | environment variable |")) {
            String flag = unquote(row.get(0)).replaceFirst("^--(\\[no-])?", "").replaceFirst("=.*", "");
            documented.put(flag, row);
        }
        List<String> expected = new ArrayList<>(List.of(ConfigLoader.CONFIG_FILE_FLAG, "collector.NAME", "version"));
        for (Setting s : ConfigLoader.SETTINGS) {
            if (s.kind() == Setting.Kind.BOOL && s.flag().startsWith("collector.")) {
                continue;  // one row, collector.NAME, for every collector's on/off flag
            }
            expected.add(s.flag());
            List<String> row = documented.get(s.flag());
            assertNotNull(row, "docs/exporter.md has no row for --" + s.flag());
            assertEquals(List.of("`" + s.env() + "`", "`" + s.yamlKey() + "`", "`" + s.defaultValue() + "`"),
                    row.subList(1, 4), "--" + s.flag());
        }
        assertEquals(expected.stream().sorted().toList(), documented.keySet().stream().sorted().toList(),
                "flags documented that do not exist, or missing");
    }

    /** The rows of the Markdown table whose header starts with {@code header}, cells trimmed, {@code \|} as |. */
    private static List<List<String>> table(String header) throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int start = -1;
        for (int i = 0; i < lines.size() && start < 0; i++) {
            if (lines.get(i).startsWith(header)) {
                start = i + 2;
            }
        }
        assertEquals(true, start > 0, "docs/exporter.md has no table " + header);
        List<List<String>> rows = new ArrayList<>();
        for (int i = start; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String line = lines.get(i);
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.length() - 1).split("(?<!\\\\)\\|", -1)) {
                cells.add(cell.trim().replace("\\|", "|"));
            }
            rows.add(cells);
        }
        return rows;
    }

    private static String unquote(String cell) {
        return cell.startsWith("`") && cell.endsWith("`") ? cell.substring(1, cell.length() - 1) : cell;
    }
}
