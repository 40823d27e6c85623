package io.hookmeter.alertsink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FiringSetTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-21T04:05:00Z");

    static JsonNode fixture(String name) throws Exception {
        try (var in = FiringSetTest.class.getResourceAsStream("/" + name)) {
            return JSON.readTree(in);
        }
    }

    @Test
    void firingAddsAndResolvedRemovesAcrossVersions(@TempDir Path dir) throws Exception {
        FiringSet set = new FiringSet(dir.resolve("firing.json"));
        // Alertmanager 0.25: no notification_reason.
        assertEquals(2, set.apply(fixture("am-0.25-firing.json"), NOW));
        assertEquals(2, set.size());
        JsonNode first = set.snapshot().get("alerts").get(0);
        assertEquals("Bash", first.at("/labels/tool").asText());
        assertEquals("Tool Bash fails often on h", first.at("/annotations/summary").asText());
        assertEquals("warning", first.get("receiver").asText());
        assertEquals(NOW.toString(), first.get("lastNotifiedAt").asText());
        // A newer version, with notification_reason and a field we do not know: Bash resolves, Read stays.
        set.apply(fixture("am-newer-resolved.json"), NOW);
        assertEquals(1, set.size());
        assertEquals("Read", set.snapshot().at("/alerts/0/labels/tool").asText());
    }

    @Test
    void withoutFingerprintsTheLabelsAreTheKey(@TempDir Path dir) throws Exception {
        FiringSet set = new FiringSet(dir.resolve("firing.json"));
        set.apply(JSON.readTree("{\"status\":\"firing\",\"alerts\":[{\"labels\":{\"b\":\"2\",\"a\":\"1\"}},{\"labels\":{}}]}"), NOW);
        assertEquals(1, set.size());
        // The alert's status is missing: the group's status applies; label order does not matter.
        set.apply(JSON.readTree("{\"status\":\"resolved\",\"alerts\":[{\"labels\":{\"a\":\"1\",\"b\":\"2\"}}]}"), NOW);
        assertEquals(0, set.size());
    }

    @Test
    void survivesARestartThroughItsStateFile(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("firing.json");
        FiringSet before = new FiringSet(state);
        before.apply(fixture("am-0.25-firing.json"), NOW);
        before.save();
        assertEquals(0, Files.list(dir).filter(p -> p.toString().endsWith(".tmp")).count());

        FiringSet after = new FiringSet(state);
        after.load();
        assertEquals(2, after.size());
        after.apply(fixture("am-newer-resolved.json"), NOW);
        assertEquals(1, after.size());
    }
}
