package io.hookmeter.stack.compose;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every flag in a pulled image's {@code command:} exists in the version the compose file pins. No image can run here,
 * so each pinned image's flag list is recorded in {@code image-flags/<image>_<tag>.txt} next to this class, with the
 * upstream sources it was read from; a new pin needs a new list.
 */
class ImageFlagsTest {
    private static final String FLAGS = "image-flags/";

    @Test
    void everyFlagInCommandIsOneThePinnedVersionHas() {
        Map<String, Map<String, Object>> services = ResolvedCompose.services(ResolvedCompose.load(Map.of()));
        Set<String> checked = new TreeSet<>();
        for (var entry : services.entrySet()) {
            Map<String, Object> service = entry.getValue();
            if (service.containsKey("build")) {
                continue;  // built here: the exporter's and the sink's flags are tested in their modules
            }
            String image = (String) service.get("image");
            List<String> command = ComposeEntries.strings(service.get("command"));
            Set<String> known = command.isEmpty() ? Set.of() : flagsOf(image);
            for (String arg : command) {
                assertTrue(arg.startsWith("--"), entry.getKey() + ": not a flag: " + arg);
                String name = arg.substring(2).split("=", 2)[0];
                assertTrue(known.contains(name), entry.getKey() + ": " + image + " has no flag --" + name);
                checked.add(entry.getKey());
            }
        }
        assertEquals(Set.of("alertmanager", "prometheus", "prometheus-longterm", "pushgateway"), checked);
    }

    @Test
    void theRecordedListsTellARealFlagFromAMadeUpOne() {
        // A wrong or empty list would let anything through: the lists must tell a real flag from a made-up one.
        Set<String> alertmanager = flagsOf("prom/alertmanager:v0.28.1");
        assertTrue(alertmanager.containsAll(List.of("config.file", "cluster.listen-address", "data.retention")));
        assertFalse(alertmanager.contains("web.enable-lifecycle"), "Alertmanager has no such flag");
        Set<String> prometheus = flagsOf("prom/prometheus:v2.55.1");
        assertTrue(prometheus.containsAll(List.of("query.lookback-delta", "storage.tsdb.retention.size")));
        assertFalse(prometheus.contains("persistence.file"));
    }

    @Test
    void everyPulledImageHasItsListAndItsUpgradeNotes() throws IOException {
        String deployment = Files.readString(ResolvedCompose.ROOT.resolve("docs/deployment.md"));
        ResolvedCompose.services(ResolvedCompose.load(Map.of())).values().stream()
                .filter(service -> !service.containsKey("build")).forEach(service -> {
                    String image = (String) service.get("image");
                    assertTrue(deployment.contains("`" + image + "`"), "docs/deployment.md must name " + image);
                    if (service.get("command") != null) {
                        flagsOf(image);
                    }
                });
    }

    /** The recorded flag names (without {@code --}) of {@code image}; fails when none is recorded. */
    static Set<String> flagsOf(String image) {
        String resource = FLAGS + image.replace('/', '_').replace(':', '_') + ".txt";
        try (InputStream in = ImageFlagsTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, "no flag list recorded for " + image + ": add " + resource
                    + " (from the image's sources at that tag, and say which)");
            Set<String> flags = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertFalse(flags.isEmpty(), resource);
            return flags;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
