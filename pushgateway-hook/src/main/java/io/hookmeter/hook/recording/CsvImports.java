package io.hookmeter.hook.recording;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.StateJson;
import io.hookmeter.hook.toolcall.ToolCall;
import io.hookmeter.hook.toolcall.ToolMetrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Applies an imported legacy CSV to the totals. The SHA-256 of every imported file is kept in the state section
 * {@value #SECTION}, in the same commit as the counters, so importing the same file twice counts it once.
 */
public final class CsvImports {
    static final String SECTION = "imported_csv";

    private CsvImports() {
    }

    /** Applies the CSV unless a file with the same content was imported before; true when it was applied. */
    public static boolean apply(MetricsState state, byte[] csv) throws IOException {
        String digest = sha256(csv);
        List<String> imported = imported(state);
        if (imported.contains(digest)) {
            return false;
        }
        for (ToolCall call : parse(csv).calls()) {
            ToolMetrics.record(state, call);
        }
        imported.add(digest);
        state.putSection(SECTION, StateJson.write(gen -> {
            gen.writeStartArray();
            for (String sha : imported) {
                gen.writeString(sha);
            }
            gen.writeEndArray();
        }));
        return true;
    }

    /** True when a file with this content was imported (read from a state outside a transaction). */
    static boolean alreadyImported(MetricsState state, byte[] csv) throws IOException {
        return imported(state).contains(sha256(csv));
    }

    static CsvImport.Result parse(byte[] csv) {
        return CsvImport.parse(new String(csv, StandardCharsets.UTF_8).lines().toList());
    }

    private static List<String> imported(MetricsState state) throws IOException {
        List<String> digests = new ArrayList<>();
        String json = state.section(SECTION);
        if (json != null) {
            try (JsonParser p = StateJson.parser(json)) {
                if (p.nextToken() == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.VALUE_STRING) {
                        digests.add(p.getText());
                    }
                }
            }
        }
        return digests;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
