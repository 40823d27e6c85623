package io.hookmeter.hook.tokens;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The offset logic: what each read touches, not how long it takes. */
class TranscriptReaderTest {
    private static final long FIFTY_MB = 50L * 1024 * 1024;

    @TempDir
    Path dir;
    private final TranscriptReader reader = new TranscriptReader();

    @Test
    void fiftyMegabyteTranscriptReadIncrementallyCostsOnlyTheNewBytes() throws IOException {
        Path transcript = dir.resolve("big.jsonl");
        String filler = "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"" + "x".repeat(1000) + "\"}}\n";
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(transcript), 1 << 20)) {
            byte[] line = filler.getBytes(StandardCharsets.UTF_8);
            for (long written = 0; written < FIFTY_MB; written += line.length) {
                out.write(line);
            }
            out.write(assistant("msg_1", 10).getBytes(StandardCharsets.UTF_8));
        }
        long size = Files.size(transcript);
        List<AssistantUsage> seen = new ArrayList<>();

        TranscriptReader.Result first = reader.read(transcript, TranscriptCursor.START, seen::add);
        assertEquals(size, first.cursor().offset());
        assertEquals(size + TranscriptReader.HEAD_BYTES, first.bytesRead(), "whole file once, plus its head");
        assertEquals(1, seen.size());

        byte[] appended = assistant("msg_2", 20).getBytes(StandardCharsets.UTF_8);
        Files.write(transcript, appended, StandardOpenOption.APPEND);
        TranscriptReader.Result second = reader.read(transcript, first.cursor(), seen::add);
        assertFalse(second.restarted());
        assertEquals(size + appended.length, second.cursor().offset());
        // the new line, plus the head that proves it is still the same file
        assertEquals(appended.length + TranscriptReader.HEAD_BYTES, second.bytesRead());
        assertEquals(List.of("msg_1", "msg_2"), seen.stream().map(AssistantUsage::messageId).toList());

        TranscriptReader.Result third = reader.read(transcript, second.cursor(), seen::add);
        assertEquals(TranscriptReader.HEAD_BYTES, third.bytesRead(), "nothing new: only the identity check");
        assertEquals(2, seen.size());
    }

    @Test
    void aByteLimitSplitsACatchUpIntoSeveralReadsAtLineBoundaries() throws IOException {
        Path transcript = dir.resolve("t.jsonl");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            text.append(assistant("msg_" + i, i).replace("\"content\":[]", "\"content\":[\"" + "z".repeat(900) + "\"]"));
        }
        Files.writeString(transcript, text);
        long size = Files.size(transcript);
        List<AssistantUsage> seen = new ArrayList<>();
        TranscriptCursor cursor = TranscriptCursor.START;
        int reads = 0;
        while (cursor.offset() < size) {
            long before = cursor.offset();
            cursor = reader.read(transcript, cursor, seen::add, 100_000).cursor();
            assertTrue(cursor.offset() - before >= 100_000 || cursor.offset() == size, "progress: " + cursor);
            assertEquals('\n', text.charAt((int) cursor.offset() - 1), "stops after a whole line");
            reads++;
        }
        assertTrue(reads > 1, "split into " + reads + " reads");
        assertEquals(1000, seen.size());
        assertEquals("msg_999", seen.get(999).messageId());
    }

    @Test
    void partialLineIsLeftForLaterAndLongLinesGrowTheBuffer() throws IOException {
        Path transcript = dir.resolve("t.jsonl");
        String longLine = assistant("msg_long", 5).replace("\"content\":[]", "\"content\":[\""
                + "y".repeat(200_000) + "\"]");
        String partial = assistant("msg_partial", 1);
        Files.writeString(transcript, longLine + partial.substring(0, 30));
        List<AssistantUsage> seen = new ArrayList<>();
        TranscriptReader.Result result = reader.read(transcript, TranscriptCursor.START, seen::add);
        assertEquals(List.of("msg_long"), seen.stream().map(AssistantUsage::messageId).toList());
        assertEquals(longLine.length(), result.cursor().offset());
    }

    @Test
    void sameLengthFileWithAnotherHeadIsReadFromTheStart() throws IOException {
        Path transcript = dir.resolve("t.jsonl");
        Files.writeString(transcript, assistant("msg_a", 1));
        TranscriptReader.Result first = reader.read(transcript, TranscriptCursor.START, e -> { });
        // rewritten in place (same inode), longer, different first line
        Files.writeString(transcript, assistant("msg_b", 1) + assistant("msg_c", 1));
        List<AssistantUsage> seen = new ArrayList<>();
        TranscriptReader.Result second = reader.read(transcript, first.cursor(), seen::add);
        assertTrue(second.restarted());
        assertEquals(List.of("msg_b", "msg_c"), seen.stream().map(AssistantUsage::messageId).toList());
    }

    static String assistant(String id, long output) {
        return "{\"type\":\"assistant\",\"isSidechain\":false,\"requestId\":\"req_" + id + "\",\"message\":{\"id\":\""
                + id + "\",\"model\":\"claude-haiku-4-5\",\"content\":[],\"usage\":{\"input_tokens\":1,"
                + "\"output_tokens\":" + output + "}}}\n";
    }
}
