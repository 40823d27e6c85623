package io.hookmeter.hook.tokens;

import io.hookmeter.hook.config.HookConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PriceConfigTest {
    @TempDir
    Path home;

    @Test
    void configPricesOverrideTheBundledOnesAndBadOnesAreLoggedAndSkipped() throws IOException {
        Files.writeString(home.resolve(HookConfig.FILE), """
                price.claude-opus-4-5 = 4 5 8 0.40 20
                price.my-gateway-model = 1 1.25 2 0.10 5
                price.claude-sonnet-4-5 = 3 3.75
                pushgateway.url = http://pgw:9091
                """);
        List<String> log = new ArrayList<>();
        PriceTable table = PriceConfig.load(HookConfig.load(Map.of("HOOKMETER_HOME", home.toString())), log::add);
        assertEquals(ModelPrice.parse("4 5 8 0.40 20"), table.find("claude-opus-4-5-20251101"));
        assertEquals(ModelPrice.parse("1 1.25 2 0.10 5"), table.find("my-gateway-model"));
        assertEquals(ModelPrice.parse("3 3.75 6 0.30 15"), table.find("claude-sonnet-4-5"), "bundled price kept");
        assertEquals(List.of("config price.claude-sonnet-4-5 ignored: a price needs 5 numbers (input, 5m cache write, "
                + "1h cache write, cache read, output), got '3 3.75'"), log);
    }
}
