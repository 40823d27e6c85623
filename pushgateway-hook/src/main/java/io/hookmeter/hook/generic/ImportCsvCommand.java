package io.hookmeter.hook.generic;

import io.hookmeter.hook.metrics.ToolCall;
import io.hookmeter.hook.metrics.ToolMetrics;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.StateJson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code hookmeter import-csv FILE}: imports the legacy start/end CSV (see {@link CsvImport}). The SHA-256 of every
 * imported file is kept in the state section {@value #SECTION}, in the same atomic write as the counters, so
 * importing the same file twice counts it once.
 */
public final class ImportCsvCommand {
    static final String SECTION = "imported_csv";
    private static final int PROBLEMS_SHOWN = 5;

    private ImportCsvCommand() {
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: hookmeter import-csv FILE");
            return 2;
        }
        Path file = Path.of(args[0]);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            err.println("hookmeter import-csv: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        String digest = sha256(bytes);
        CsvImport.Result result = CsvImport.parse(new String(bytes, StandardCharsets.UTF_8).lines().toList());
        boolean[] already = {false};
        boolean committed = Recording.commit(env, err, state -> {
            List<String> imported = imported(state);
            if (imported.contains(digest)) {
                already[0] = true;
                return;
            }
            for (ToolCall call : result.calls()) {
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
        });
        if (!committed) {
            return 1;
        }
        if (already[0]) {
            out.println(file + " was already imported; nothing changed.");
            return 0;
        }
        for (int i = 0; i < Math.min(PROBLEMS_SHOWN, result.problems().size()); i++) {
            err.println("hookmeter import-csv: skipped " + result.problems().get(i));
        }
        long tools = result.calls().stream().map(ToolCall::tool).distinct().count();
        out.println("Imported " + result.calls().size() + " calls of " + tools + " tools from " + file + " ("
                + result.problems().size() + " rows skipped, " + result.unpairedStarts() + " starts and "
                + result.unpairedEnds() + " ends without a partner).");
        return 0;
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
