package io.hookmeter.hook.alerts;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hookmeter.hook.json.StrictJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The last answer about firing alerts, in {@code alerts-cache.json} in the Hookmeter home, so that a status line
 * run every 300 ms asks Alertmanager at most once per {@link #TTL_MILLIS}. Failures are cached too: a down or
 * hanging Alertmanager costs one budget per TTL, not one per run. A cache, not state: no lock, no fsync, and a
 * broken file is just a miss.
 */
public final class AlertSummaryCache {
    public static final String FILE = "alerts-cache.json";
    public static final long TTL_MILLIS = 10_000;

    private final Path file;

    public AlertSummaryCache(Path home) {
        this.file = home.resolve(FILE);
    }

    /** The cached summary when it is younger than the TTL (and not from the future), else null. */
    public AlertSummary fresh(long nowMillis) {
        AlertSummary cached;
        try {
            cached = read();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // damaged or half-written by an old version: ask again
        }
        long age = nowMillis - cached.fetchedAtMillis();
        return age >= 0 && age < TTL_MILLIS ? cached : null;
    }

    private AlertSummary read() throws IOException {
        try (JsonParser parser = StrictJson.FACTORY.createParser(Files.readAllBytes(file))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            long fetched = -1;
            boolean reachable = false;
            String problem = null;
            Map<String, Integer> counts = new TreeMap<>(Severity.MOST_URGENT_FIRST);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    // Numbers via their text: Jackson's NumberInput compiles regexes on first use, which costs
                    // the status line's start-up tens of milliseconds.
                    case "fetched_ms" -> fetched = Long.parseLong(parser.getText());
                    case "reachable" -> reachable = parser.getBooleanValue();
                    case "problem" -> problem = parser.getValueAsString();
                    case "by_severity" -> {
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String severity = parser.currentName();
                            parser.nextToken();
                            counts.put(severity, Integer.parseInt(parser.getText()));
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (fetched < 0) {
                throw new IOException("no fetched_ms");
            }
            return reachable ? new AlertSummary(true, counts, fetched, null)
                    : AlertSummary.unreachable(problem, fetched);
        }
    }

    /** Saves the summary; a write that fails (read-only home) only means asking again next time. */
    public void write(AlertSummary summary) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = StrictJson.FACTORY.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeNumberField("fetched_ms", summary.fetchedAtMillis());
            out.writeBooleanField("reachable", summary.reachable());
            if (summary.problem() != null) {
                out.writeStringField("problem", summary.problem());
            }
            out.writeObjectFieldStart("by_severity");
            for (Map.Entry<String, Integer> count : summary.bySeverity().entrySet()) {
                out.writeNumberField(count.getKey(), count.getValue());
            }
            out.writeEndObject();
            out.writeEndObject();
        } catch (IOException e) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            // Unique per process without createTempFile, whose SecureRandom costs the status line start-up time.
            Path temp = file.resolveSibling(FILE + "." + Long.toHexString(System.nanoTime()) + ".tmp");
            try {
                Files.write(temp, bytes.toByteArray(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | RuntimeException ignored) {
            // A cache that cannot be written is a cache miss next time, nothing more.
        }
    }
}
