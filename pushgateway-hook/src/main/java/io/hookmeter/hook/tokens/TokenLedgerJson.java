package io.hookmeter.hook.tokens;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hookmeter.hook.json.StrictJson;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ledger's JSON form inside the state file:
 * <pre>{"version":1,"cost_day":"2026-11-21","cost_day_start_ms":1763679600000,"cost_day_end_ms":1763766000000,
 *  "cost_today_usd":"1.2345",
 *  "hours":{"494000":{"claude-opus-4-5":[input,output,cacheCreation,cacheRead,requests,"costUsd",priced]}},
 *  "sessions":{"SESSION":{"seen_ms":1763700000000,
 *     "transcripts":{"/path/s.jsonl":[offset,"fileKey",headLength,headChecksum]},
 *     "models":["claude-opus-4-5"],
 *     "messages":[["hash-hex",modelIndex,sidechain0or1,input,output,cacheCreation,cacheRead,write5m,write1h]]}}}</pre>
 * Compact on purpose: every hook reads the whole state file.
 */
public final class TokenLedgerJson {
    /** The name of this component's private section in the state file. */
    public static final String SECTION = "tokens";

    private TokenLedgerJson() {
    }

    public static String toJson(TokenLedger ledger) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = StrictJson.FACTORY.createGenerator(out)) {
            write(generator, ledger);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static TokenLedger fromJson(String text) throws IOException {
        try (JsonParser parser = StrictJson.FACTORY.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("token ledger is not a JSON object");
            }
            return read(parser);
        }
    }

    public static void write(JsonGenerator out, TokenLedger ledger) throws IOException {
        out.writeStartObject();
        out.writeNumberField("version", 1);
        if (ledger.costDay() != null) {
            out.writeStringField("cost_day", ledger.costDay().toString());
            out.writeNumberField("cost_day_start_ms", ledger.costDayStartMillis());
            out.writeNumberField("cost_day_end_ms", ledger.costDayEndMillis());
            out.writeStringField("cost_today_usd", ledger.costToday().toPlainString());
        }
        out.writeObjectFieldStart("hours");
        for (Map.Entry<Long, Map<String, ModelTotals>> hour : ledger.hourly().entrySet()) {
            out.writeObjectFieldStart(Long.toString(hour.getKey()));
            for (Map.Entry<String, ModelTotals> model : hour.getValue().entrySet()) {
                ModelTotals t = model.getValue();
                out.writeArrayFieldStart(model.getKey());
                for (long n : new long[] {t.tokens().input(), t.tokens().output(), t.tokens().cacheCreation(),
                        t.tokens().cacheRead(), t.requests()}) {
                    out.writeNumber(n);
                }
                out.writeString(t.costUsd().toPlainString());
                out.writeBoolean(t.priced());
                out.writeEndArray();
            }
            out.writeEndObject();
        }
        out.writeEndObject();
        out.writeObjectFieldStart("sessions");
        for (Map.Entry<String, SessionBook> session : ledger.sessions().entrySet()) {
            out.writeObjectFieldStart(session.getKey());
            SessionBook book = session.getValue();
            out.writeNumberField("seen_ms", book.lastSeenMillis());
            out.writeObjectFieldStart("transcripts");
            for (Map.Entry<String, TranscriptCursor> cursor : book.cursors().entrySet()) {
                TranscriptCursor c = cursor.getValue();
                out.writeArrayFieldStart(cursor.getKey());
                out.writeNumber(c.offset());
                out.writeString(c.fileKey());
                out.writeNumber(c.headLength());
                out.writeNumber(c.headChecksum());
                out.writeEndArray();
            }
            out.writeEndObject();
            List<String> models = new ArrayList<>();
            Map<String, Integer> modelIndex = new HashMap<>();
            for (CountedMessage message : book.counted().values()) {
                modelIndex.computeIfAbsent(message.model(), m -> {
                    models.add(m);
                    return models.size() - 1;
                });
            }
            out.writeArrayFieldStart("models");
            for (String model : models) {
                out.writeString(model);
            }
            out.writeEndArray();
            out.writeArrayFieldStart("messages");
            for (Map.Entry<Long, CountedMessage> message : book.counted().entrySet()) {
                CountedMessage m = message.getValue();
                Usage u = m.usage();
                out.writeStartArray();
                out.writeString(Long.toHexString(message.getKey()));
                out.writeNumber(modelIndex.get(m.model()));
                out.writeNumber(m.sidechain() ? 1 : 0);
                for (long n : new long[] {u.input(), u.output(), u.cacheCreation(), u.cacheRead(),
                        u.cacheWrite5m(), u.cacheWrite1h()}) {
                    out.writeNumber(n);
                }
                out.writeEndArray();
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        out.writeEndObject();
        out.writeEndObject();
    }

    /** Reads a ledger; the parser is on its START_OBJECT and ends on the matching END_OBJECT. */
    public static TokenLedger read(JsonParser in) throws IOException {
        TokenLedger ledger = new TokenLedger();
        String[] day = readFields(in, ledger);
        if (day[0] != null && day[1] != null && day[2] != null && day[3] != null) {
            try {
                ledger.restoreCost(LocalDate.parse(day[0]), Long.parseLong(day[2]), Long.parseLong(day[3]),
                        new BigDecimal(day[1]));
            } catch (RuntimeException e) {
                throw new IOException("bad cost_day/cost_today_usd in token ledger: " + e.getMessage());
            }
        }
        return ledger;
    }

    /**
     * The cost of the day (of the configured day zone) that contains {@code nowMillis} (0 when the last cost was on
     * another day), skipping the sessions: what the status line needs, fast, and without loading time zones. Null
     * when none recorded.
     */
    public static BigDecimal readCostAt(JsonParser in, long nowMillis) throws IOException {
        String[] day = readFields(in, null);
        if (day[1] == null || day[2] == null || day[3] == null) {
            return null;
        }
        try {
            boolean today = Long.parseLong(day[2]) <= nowMillis && nowMillis < Long.parseLong(day[3]);
            return today ? new BigDecimal(day[1]) : BigDecimal.ZERO;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Reads the top-level fields; sessions go into {@code ledger}, or are skipped when it is null. Returns the
     * cost day, its cost, and the day's start and end in Unix ms (as text, null when absent).
     */
    private static String[] readFields(JsonParser in, TokenLedger ledger) throws IOException {
        String[] day = new String[4];
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            in.nextToken();
            switch (field) {
                case "cost_day" -> day[0] = in.getValueAsString();
                case "cost_today_usd" -> day[1] = in.getValueAsString();
                case "cost_day_start_ms" -> day[2] = in.getValueAsString();
                case "cost_day_end_ms" -> day[3] = in.getValueAsString();
                case "hours" -> {
                    if (ledger == null) {
                        in.skipChildren();
                    } else {
                        readHours(in, ledger);
                    }
                }
                case "sessions" -> {
                    if (ledger == null) {
                        in.skipChildren();
                    } else {
                        readSessions(in, ledger);
                    }
                }
                default -> in.skipChildren();
            }
        }
        return day;
    }

    private static void readSessions(JsonParser in, TokenLedger ledger) throws IOException {
        expect(in, JsonToken.START_OBJECT);
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String sessionId = in.currentName();
            expect(in.nextToken(), JsonToken.START_OBJECT);
            long seen = 0;
            Map<String, TranscriptCursor> cursors = new HashMap<>();
            List<String> models = new ArrayList<>();
            List<long[]> messages = new ArrayList<>();
            List<String> hashes = new ArrayList<>();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                in.nextToken();
                switch (field) {
                    case "seen_ms" -> seen = in.getValueAsLong();
                    case "transcripts" -> readCursors(in, cursors);
                    case "models" -> {
                        expect(in, JsonToken.START_ARRAY);
                        while (in.nextToken() != JsonToken.END_ARRAY) {
                            models.add(in.getValueAsString());
                        }
                    }
                    case "messages" -> {
                        expect(in, JsonToken.START_ARRAY);
                        while (in.nextToken() == JsonToken.START_ARRAY) {
                            in.nextToken();
                            hashes.add(in.getValueAsString());
                            long[] numbers = new long[8];
                            for (int i = 0; i < numbers.length; i++) {
                                expect(in.nextToken(), JsonToken.VALUE_NUMBER_INT);
                                numbers[i] = in.getLongValue();
                            }
                            expect(in.nextToken(), JsonToken.END_ARRAY);
                            messages.add(numbers);
                        }
                    }
                    default -> in.skipChildren();
                }
            }
            SessionBook book = ledger.session(sessionId, seen);
            book.cursors().putAll(cursors);
            for (int i = 0; i < messages.size(); i++) {
                long[] n = messages.get(i);
                if (n[0] < 0 || n[0] >= models.size()) {
                    throw new IOException("token ledger message refers to model #" + n[0] + " of " + models.size());
                }
                book.counted().put(Long.parseUnsignedLong(hashes.get(i), 16), new CountedMessage(
                        models.get((int) n[0]), n[1] == 1, new Usage(n[2], n[3], n[4], n[5], n[6], n[7])));
            }
        }
    }

    private static void readHours(JsonParser in, TokenLedger ledger) throws IOException {
        expect(in, JsonToken.START_OBJECT);
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            long hour;
            try {
                hour = Long.parseLong(in.currentName());
            } catch (NumberFormatException e) {
                throw new IOException("token ledger: hour '" + in.currentName() + "' is not a number");
            }
            expect(in.nextToken(), JsonToken.START_OBJECT);
            Map<String, ModelTotals> models = new TreeMap<>();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String model = in.currentName();
                expect(in.nextToken(), JsonToken.START_ARRAY);
                long[] n = new long[5];
                for (int i = 0; i < n.length; i++) {
                    expect(in.nextToken(), JsonToken.VALUE_NUMBER_INT);
                    n[i] = in.getLongValue();
                }
                expect(in.nextToken(), JsonToken.VALUE_STRING);
                BigDecimal cost = new BigDecimal(in.getText());
                boolean priced = in.nextToken() == JsonToken.VALUE_TRUE;
                expect(in.nextToken(), JsonToken.END_ARRAY);
                models.put(model, new ModelTotals(new Usage(n[0], n[1], n[2], n[3], 0, 0), n[4], cost, priced));
            }
            ledger.hourly().put(hour, models);
        }
    }

    private static void readCursors(JsonParser in, Map<String, TranscriptCursor> cursors) throws IOException {
        expect(in, JsonToken.START_OBJECT);
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String path = in.currentName();
            expect(in.nextToken(), JsonToken.START_ARRAY);
            in.nextToken();
            long offset = in.getValueAsLong();
            in.nextToken();
            String fileKey = in.currentToken() == JsonToken.VALUE_NULL ? null : in.getValueAsString();
            in.nextToken();
            int headLength = in.getValueAsInt();
            in.nextToken();
            long checksum = in.getValueAsLong();
            expect(in.nextToken(), JsonToken.END_ARRAY);
            cursors.put(path, new TranscriptCursor(offset, fileKey, headLength, checksum));
        }
    }

    private static void expect(JsonParser in, JsonToken token) throws IOException {
        expect(in.currentToken(), token);
    }

    private static void expect(JsonToken actual, JsonToken token) throws IOException {
        if (actual != token) {
            throw new IOException("token ledger: expected " + token + " but found " + actual);
        }
    }
}
