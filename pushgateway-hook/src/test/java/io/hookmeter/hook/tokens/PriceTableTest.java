package io.hookmeter.hook.tokens;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PriceTableTest {
    private final PriceTable bundled = PriceTable.bundled();

    @Test
    void bundledTableMatchesTheDesignPrices() {
        assertEquals(ModelPrice.parse("5 6.25 10 0.50 25"), bundled.find("claude-opus-4-5-20251101"));
        assertEquals(ModelPrice.parse("5 6.25 10 0.50 25"), bundled.find("claude-opus-5"));
        assertEquals(ModelPrice.parse("15 18.75 30 1.50 75"), bundled.find("claude-opus-4-1-20250805"));
        assertEquals(ModelPrice.parse("15 18.75 30 1.50 75"), bundled.find("claude-opus-4-20250514"));
        assertEquals(ModelPrice.parse("3 3.75 6 0.30 15"), bundled.find("claude-sonnet-4-6[1m]"));
        assertEquals(ModelPrice.parse("2 2.50 4 0.20 10"), bundled.find("claude-sonnet-5"));
        assertEquals(ModelPrice.parse("1 1.25 2 0.10 5"), bundled.find("claude-haiku-4-5-20251001"));
        assertEquals(ModelPrice.parse("0.80 1 1.60 0.08 4"), bundled.find("claude-3-5-haiku-20241022"));
        assertNull(bundled.find("claude-opus-4-9"), "no guessing from prefixes");
        assertNull(bundled.find("gpt-5"));
    }

    @Test
    void configOverridesAndExtendsTheTable() {
        PriceTable table = bundled.withOverrides(Map.of("claude-opus-4-5", "4 5 8 0.4 20", "my-proxy-model", "1 1 1 1 1"));
        assertEquals(ModelPrice.parse("4 5 8 0.4 20"), table.find("claude-opus-4-5-20251101"));
        assertEquals(ModelPrice.parse("1 1 1 1 1"), table.find("my-proxy-model"));
        assertEquals(ModelPrice.parse("3 3.75 6 0.30 15"), table.find("claude-sonnet-4-5"));
    }

    @Test
    void costPricesEveryTokenTypeApart() {
        ModelPrice opus4 = bundled.find("claude-opus-4-1");
        // 1M of each: 15 + 18.75 (5m) + 30 (1h) + 18.75 (unsplit, as 5m) + 1.50 + 75
        Usage usage = new Usage(1_000_000, 1_000_000, 3_000_000, 1_000_000, 1_000_000, 1_000_000);
        assertEquals(0, new BigDecimal("159").compareTo(opus4.cost(usage)));
    }

    @Test
    void badPricesAreRejectedWithAClearMessage() {
        assertEquals("a price needs 5 numbers (input, 5m cache write, 1h cache write, cache read, output), got '1 2'",
                assertThrows(IllegalArgumentException.class, () -> ModelPrice.parse("1 2")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelPrice.parse("1 2 x 4 5"));
        assertThrows(IllegalArgumentException.class, () -> ModelPrice.parse("1 2 -3 4 5"));
    }
}
