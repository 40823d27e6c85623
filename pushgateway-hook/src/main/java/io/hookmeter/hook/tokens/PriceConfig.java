package io.hookmeter.hook.tokens;

import io.hookmeter.hook.config.HookConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The price table in use: the bundled one, with {@code price.<model> = input 5m-write 1h-write cache-read output}
 * entries of {@code config.properties} replacing or adding models. A malformed entry is logged and skipped; it
 * never stops the counting.
 */
public final class PriceConfig {
    public static final String KEY_PREFIX = "price.";

    private PriceConfig() {
    }

    public static PriceTable load(HookConfig config, Consumer<String> log) {
        PriceTable table = PriceTable.bundled();
        Map<String, String> overrides = new HashMap<>();
        config.withPrefix(KEY_PREFIX).forEach((model, spec) -> {
            try {
                ModelPrice.parse(spec);
                overrides.put(model, spec);
            } catch (IllegalArgumentException e) {
                log.accept("config " + KEY_PREFIX + model + " ignored: " + e.getMessage());
            }
        });
        return table.withOverrides(overrides);
    }
}
