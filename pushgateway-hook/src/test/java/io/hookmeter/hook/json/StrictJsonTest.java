package io.hookmeter.hook.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import io.hookmeter.hook.statusline.StatusInput;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StrictJsonTest {
    @Test
    void aDuplicateKeyIsAnError() throws Exception {
        try (JsonParser parser = StrictJson.FACTORY.createParser("{\"a\": 1, \"b\": {\"a\": 2}, \"a\": 3}")) {
            JsonParseException e = assertThrows(JsonParseException.class, () -> {
                while (parser.nextToken() != null) {
                    parser.skipChildren();
                }
            });
            assertEquals(true, e.getMessage().startsWith("Duplicate field 'a'"), e.getMessage());
        }
    }

    @Test
    void readersOutsideTheStateRefuseDuplicatesToo() {
        byte[] twice = "{\"model\":{\"display_name\":\"Opus\",\"display_name\":\"Haiku\"}}".getBytes(StandardCharsets.UTF_8);
        assertEquals(null, StatusInput.parse(twice).model(), "not half-understood: which name would be right?");
    }
}
