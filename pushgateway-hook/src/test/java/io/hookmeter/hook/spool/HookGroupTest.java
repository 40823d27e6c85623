package io.hookmeter.hook.spool;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The group file format. */
class HookGroupTest {
    @Test
    void encodeDecodeKeepsBodiesByteForByte() throws IOException {
        byte[] pretty = "{\n  \"a\": \"x\\ny\"\n}\n".getBytes(StandardCharsets.UTF_8);
        byte[] plain = "{\"hook_event_name\":\"Stop\"}".getBytes(StandardCharsets.UTF_8);
        List<HookGroup.Entry> decoded = HookGroup.decode(HookGroup.encode(List.of(
                new HookGroup.Entry(1796283519864706163L, pretty), new HookGroup.Entry(7, plain))));
        assertEquals(2, decoded.size());
        assertEquals(1796283519864706163L, decoded.get(0).epochNanos());
        assertArrayEquals(pretty, decoded.get(0).body());
        assertArrayEquals(plain, decoded.get(1).body());
    }

    @Test
    void anythingElseIsRefusedWithWhatIsWrong() {
        byte[] good = HookGroup.encode(List.of(new HookGroup.Entry(5, "{}".getBytes(StandardCharsets.UTF_8))));
        assertThrows(IOException.class, () -> HookGroup.decode("{}".getBytes(StandardCharsets.UTF_8)));
        for (int cut = HookGroup.HEADER.length() + 1; cut < good.length; cut++) {
            int at = cut;
            IOException e = assertThrows(IOException.class, () -> HookGroup.decode(java.util.Arrays.copyOf(good, at)));
            assertTrue(e.getMessage().startsWith("event 1:"), e.getMessage());
        }
        byte[] letters = (HookGroup.HEADER + "12x 2\n{}\n").getBytes(StandardCharsets.UTF_8);
        assertThrows(IOException.class, () -> HookGroup.decode(letters));
    }

    /** A segment cut anywhere in its last event keeps the events before it; damage elsewhere is not a cut. */
    @Test
    void wholeLengthLeavesOutOnlyATornTail() {
        byte[] first = HookGroup.encode(List.of(new HookGroup.Entry(5, "{}".getBytes(StandardCharsets.UTF_8))));
        byte[] two = HookGroup.encode(List.of(new HookGroup.Entry(5, "{}".getBytes(StandardCharsets.UTF_8)),
                new HookGroup.Entry(6, "{\"a\":1}".getBytes(StandardCharsets.UTF_8))));
        assertEquals(two.length, HookGroup.wholeLength(two));
        for (int cut = first.length; cut < two.length; cut++) {
            assertEquals(first.length, HookGroup.wholeLength(java.util.Arrays.copyOf(two, cut)), "cut at " + cut);
        }
        for (int cut = 0; cut <= HookGroup.HEADER.length(); cut++) {
            assertEquals(cut == HookGroup.HEADER.length() ? cut : 0,
                    HookGroup.wholeLength(java.util.Arrays.copyOf(two, cut)), "header cut at " + cut);
        }
        byte[] damaged = two.clone();
        damaged[first.length - 1] = 'x'; // the first event's closing newline
        assertEquals(-1, HookGroup.wholeLength(damaged));
        assertEquals(-1, HookGroup.wholeLength("{}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-1, HookGroup.wholeLength((HookGroup.HEADER + "12x 2\n{}\n").getBytes(StandardCharsets.UTF_8)));
    }
}
