package io.hookmeter.hook.tokens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Model id to price: the bundled table ({@code prices.properties} next to this class), overridden and extended by
 * the user's config. Lookup ignores a {@code [1m]} (1M-context) suffix and a {@code -YYYYMMDD} date suffix.
 */
public final class PriceTable {
    private static final Pattern DATE_SUFFIX = Pattern.compile("-\\d{8}$");
    private static final String LONG_CONTEXT_SUFFIX = "[1m]";

    private final Map<String, ModelPrice> prices;

    private PriceTable(Map<String, ModelPrice> prices) {
        this.prices = prices;
    }

    /** The table shipped in the jar. */
    public static PriceTable bundled() {
        Properties table = new Properties();
        try (InputStream in = PriceTable.class.getResourceAsStream("prices.properties")) {
            if (in == null) {
                throw new IllegalStateException("prices.properties is missing from the jar");
            }
            table.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, ModelPrice> prices = new HashMap<>();
        table.forEach((model, spec) -> prices.put(key(model.toString()), ModelPrice.parse(spec.toString())));
        return new PriceTable(prices);
    }

    /** A copy with these prices (model id to "input 5m 1h cache-read output") replacing or adding entries. */
    public PriceTable withOverrides(Map<String, String> overrides) {
        Map<String, ModelPrice> merged = new HashMap<>(prices);
        overrides.forEach((model, spec) -> merged.put(key(model), ModelPrice.parse(spec)));
        return new PriceTable(merged);
    }

    /** The price of a model, or null when it is unknown (its tokens are counted, its cost is 0). */
    public ModelPrice find(String model) {
        String id = key(model);
        ModelPrice exact = prices.get(id);
        return exact != null ? exact : prices.get(DATE_SUFFIX.matcher(id).replaceFirst(""));
    }

    /** The model label: the id without the {@code [1m]} suffix, which is a context size, not another model. */
    public static String normalize(String model) {
        String id = model.trim();
        if (id.toLowerCase(Locale.ROOT).endsWith(LONG_CONTEXT_SUFFIX)) {
            id = id.substring(0, id.length() - LONG_CONTEXT_SUFFIX.length());
        }
        return id;
    }

    private static String key(String model) {
        return normalize(model).toLowerCase(Locale.ROOT);
    }
}
