package io.hookmeter.alertsink;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SinkOptionsTest {

    @Test
    void defaultsLiveUnderHookmeterHome() throws Exception {
        SinkOptions options = SinkOptions.parse(List.of(), Map.of("HOOKMETER_HOME", "/tmp/hm"));
        assertEquals(9095, options.listen().getPort());
        assertTrue(options.listen().getAddress().isAnyLocalAddress());
        assertEquals(Path.of("/tmp/hm/alerts.jsonl"), options.logFile());
        assertEquals(Path.of("/tmp/hm/alerts-firing.json"), options.stateFile());
        assertEquals(10L * 1024 * 1024, options.maxBytes());
        assertEquals(5, options.maxFiles());
    }

    @Test
    void withoutHookmeterHomeTheDefaultsAreUnderHomeLikeTheHooks() throws Exception {
        SinkOptions options = SinkOptions.parse(List.of(), Map.of("HOME", "/tmp/someone"));
        assertEquals(Path.of("/tmp/someone/.hookmeter/alerts.jsonl"), options.logFile());
    }

    @Test
    void flagsWinOverEnvironment() throws Exception {
        SinkOptions options = SinkOptions.parse(
                List.of("--web.listen-address=127.0.0.1:19095", "--log.file", "/data/a.jsonl", "--log.max-bytes=64KiB",
                        "--log.max-files=2", "--state.file=/data/s.json"),
                Map.of("HOOKMETER_ALERT_SINK_LISTEN_ADDRESS", ":1", "HOOKMETER_ALERT_SINK_LOG_MAX_BYTES", "1MiB",
                        "HOOKMETER_ALERT_SINK_LOG_MAX_FILES", "9"));
        assertEquals("127.0.0.1", options.listen().getHostString());
        assertEquals(19095, options.listen().getPort());
        assertEquals(Path.of("/data/a.jsonl"), options.logFile());
        assertEquals(64 * 1024, options.maxBytes());
        assertEquals(2, options.maxFiles());
        assertEquals(Path.of("/data/s.json"), options.stateFile());
    }

    @Test
    void environmentWinsOverDefaults() throws Exception {
        SinkOptions options = SinkOptions.parse(List.of(), Map.of("HOOKMETER_ALERT_SINK_LISTEN_ADDRESS", "[::1]:9999",
                "HOOKMETER_ALERT_SINK_LOG_FILE", "/x/log.jsonl", "HOOKMETER_ALERT_SINK_LOG_MAX_BYTES", "2048"));
        assertEquals(9999, options.listen().getPort());
        assertEquals(Path.of("/x/log.jsonl"), options.logFile());
        assertEquals(Path.of("/x/alerts-firing.json"), options.stateFile());
        assertEquals(2048, options.maxBytes());
    }

    @Test
    void badValuesNameTheOption() {
        assertMessage("web.listen-address", List.of("--web.listen-address=9095"));
        assertMessage("web.listen-address", List.of("--web.listen-address=:70000"));
        assertMessage("log.max-bytes", List.of("--log.max-bytes=lots"));
        assertMessage("log.max-bytes", List.of("--log.max-bytes=10"));
        assertMessage("log.max-files", List.of("--log.max-files=0"));
        assertMessage("unknown option --nope", List.of("--nope=1"));
        assertMessage("missing value for --log.file", List.of("--log.file"));
    }

    private static void assertMessage(String expected, List<String> args) {
        SinkOptions.OptionException e = assertThrows(SinkOptions.OptionException.class,
                () -> SinkOptions.parse(args, Map.of()));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
