package io.hookmeter.alertsink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alerts firing now, as the notifications told us: a firing alert is added (or refreshed), a resolved one
 * removed. Keyed by Alertmanager's fingerprint, or by the sorted labels when a version does not send one. Kept in a
 * JSON file (written to a temporary file, then renamed) so that a restart of the sink keeps it.
 */
final class FiringSet {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path stateFile;
    private final Map<String, ObjectNode> firing = new LinkedHashMap<>();

    FiringSet(Path stateFile) {
        this.stateFile = stateFile.toAbsolutePath();
    }

    /** Reads the state file left by an earlier run; a missing file is an empty set. */
    synchronized void load() throws IOException {
        if (!Files.exists(stateFile)) {
            return;
        }
        JsonNode alerts = JSON.readTree(stateFile.toFile()).path("alerts");
        for (JsonNode alert : alerts) {
            if (alert instanceof ObjectNode object && alert.path("labels").isObject()) {
                firing.put(key(alert), object);
            }
        }
    }

    /**
     * Applies the alerts of one webhook notification. An alert without its own {@code status} takes the
     * notification's. Returns the number of alerts that were usable (had labels).
     */
    synchronized int apply(JsonNode notification, Instant receivedAt) {
        String groupStatus = notification.path("status").asText("firing");
        String receiver = notification.path("receiver").asText("");
        int usable = 0;
        for (JsonNode alert : notification.path("alerts")) {
            if (!alert.path("labels").isObject() || alert.path("labels").isEmpty()) {
                continue;
            }
            usable++;
            String key = key(alert);
            if ("resolved".equals(alert.path("status").asText(groupStatus))) {
                firing.remove(key);
                continue;
            }
            ObjectNode entry = JSON.createObjectNode();
            entry.set("labels", alert.get("labels"));
            entry.set("annotations", alert.path("annotations").isObject() ? alert.get("annotations")
                    : JSON.createObjectNode());
            entry.put("startsAt", alert.path("startsAt").asText(""));
            entry.put("fingerprint", alert.path("fingerprint").asText(""));
            entry.put("generatorURL", alert.path("generatorURL").asText(""));
            entry.put("receiver", receiver);
            entry.put("lastNotifiedAt", receivedAt.toString());
            firing.put(key, entry);
        }
        return usable;
    }

    synchronized int size() {
        return firing.size();
    }

    /** {@code {"alerts": [...]}} in the order they first fired. */
    synchronized ObjectNode snapshot() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode alerts = root.putArray("alerts");
        firing.values().forEach(alerts::add);
        return root;
    }

    synchronized void save() throws IOException {
        Files.createDirectories(stateFile.getParent());
        Path temp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), snapshot());
        Files.move(temp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String key(JsonNode alert) {
        String fingerprint = alert.path("fingerprint").asText("");
        if (!fingerprint.isEmpty()) {
            return fingerprint;
        }
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, JsonNode> label : alert.path("labels").properties()) {
            sorted.put(label.getKey(), label.getValue().asText());
        }
        return sorted.toString();
    }
}
