package io.hookmeter.hook.statusline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hookmeter.hook.json.StrictJson;
import io.hookmeter.hook.tokens.TokenLedgerJson;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Today's cost on this host, read from the token section of the state file ({@code state.json}:
 * {@code {"sections": {"tokens": {...}}}}) without the lock: the file is replaced by an atomic rename, so it is
 * always whole. Streaming and skipping the metric families, because the status line runs every 300 ms.
 */
public final class TodayCost {
    public static final String STATE_FILE = "state.json";

    private TodayCost() {
    }

    /** The cost counted today, 0 when the last cost was on another day, null when unknown (no state yet). */
    public static BigDecimal read(Path home, long nowMillis) {
        Path file = home.resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (JsonParser parser = StrictJson.FACTORY.createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("sections".equals(field) && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String section = parser.currentName();
                        if (parser.nextToken() == JsonToken.START_OBJECT
                                && TokenLedgerJson.SECTION.equals(section)) {
                            return TokenLedgerJson.readCostAt(parser, nowMillis);
                        }
                        parser.skipChildren();
                    }
                    return null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // unreadable state: the line leaves today's cost out
        }
    }
}
