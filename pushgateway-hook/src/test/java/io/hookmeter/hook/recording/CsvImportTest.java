package io.hookmeter.hook.recording;

import io.hookmeter.hook.toolcall.ToolCall;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CsvImportTest {
    @Test
    void pairsStartAndEndRowsPerToolInOrder() {
        CsvImport.Result result = CsvImport.parse(List.of(
                "timestamp,cpu_percent,memory_rss,tool_name,event",
                "1700000000,12.5,1048576,Bash,start",
                "1700000001,3.0,1048576,Read,start",
                "1700000002.25,12.5,1048576,Bash,end",
                "1700000003000,1,1,Read,end",
                "\"2023-11-14T22:13:30Z\",1,1,\"Edit\",START",
                "2023-11-14 22:13:31.5,1,1,Edit,end",
                "1700000009,1,1,Bash,end",
                "1700000010,1,1,Grep,start",
                "1700000011,1,1,Grep,middle",
                "yesterday,1,1,Grep,end",
                "1,2,3"));
        assertEquals(List.of(
                new ToolCall("Bash", "success", "main", 2.25, 1700000002.25, null),
                new ToolCall("Read", "success", "main", 2.0, 1700000003.0, null),
                new ToolCall("Edit", "success", "main", 1.5, 1700000011.5, null)), result.calls());
        assertEquals(1, result.unpairedEnds(), "the second Bash end");
        assertEquals(1, result.unpairedStarts(), "the Grep start");
        assertEquals(3, result.problems().size(), result.problems().toString());
    }

    @Test
    void timestampsInEveryForm() {
        assertEquals(1700000000.0, CsvImport.timestamp("1700000000"));
        assertEquals(1700000000.5, CsvImport.timestamp("1700000000500"));
        assertEquals(1700000000.0, CsvImport.timestamp("2023-11-14T22:13:20Z"));
        assertEquals(1700000000.0, CsvImport.timestamp("2023-11-15T00:13:20+02:00"));
        assertNull(CsvImport.timestamp("noon"));
    }

    @Test
    void execOutcomes() {
        assertEquals("success", ExecCommand.outcome(0));
        assertEquals("error", ExecCommand.outcome(1));
        assertEquals("interrupted", ExecCommand.outcome(130));
    }
}
