package io.hookmeter.hook.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What doctor reads from vmagent: its targets and its remote-write figures (samples of vmagent 1.79's answers). */
class ForwarderAnswersTest {
    @Test
    void readsTheActiveTargets() throws IOException {
        String json = "{\"status\":\"success\",\"data\":{\"activeTargets\":[{\"discoveredLabels\":{\"__address__\":"
                + "\"127.0.0.1:1\",\"job\":\"node\"},\"labels\":{\"instance\":\"laptop\",\"job\":\"node\"},"
                + "\"scrapePool\":\"node\",\"scrapeUrl\":\"http://127.0.0.1:1/metrics\",\"lastError\":\"error when "
                + "scraping: connection refused\",\"lastScrape\":\"2026-12-03T16:48:24.135Z\",\"lastScrapeDuration\":0,"
                + "\"lastSamplesScraped\":0,\"health\":\"down\"},{\"labels\":{\"job\":\"hookmeter-agent\"},"
                + "\"scrapeUrl\":\"http://127.0.0.1:9096/metrics\",\"lastError\":\"\",\"health\":\"up\"}],"
                + "\"droppedTargets\":[]}}";

        assertEquals(List.of(
                new ScrapeTargets.Target("node", "http://127.0.0.1:1/metrics", "down",
                        "error when scraping: connection refused"),
                new ScrapeTargets.Target("hookmeter-agent", "http://127.0.0.1:9096/metrics", "up", "")),
                ScrapeTargets.parse(json));
    }

    @Test
    void anotherAnswerIsAnError() {
        assertThrows(IOException.class, () -> ScrapeTargets.parse("<html>hello</html>"));
        assertThrows(IOException.class, () -> ScrapeTargets.parse("{\"status\":\"success\",\"data\":{}}"));
    }

    @Test
    void sumsTheRemoteWriteFigures() {
        String metrics = """
                vmagent_remotewrite_blocks_sent_total{url="1:secret-url"} 4
                vmagent_remotewrite_dial_errors_total 7
                vmagent_remotewrite_errors_total{url="1:secret-url"} 7
                vmagent_remotewrite_pending_data_bytes{path="/tmp/buf/persistent-queue/1_987D", url="1:secret-url"} 448
                vmagent_remotewrite_requests_total{url="1:secret-url", status_code="2XX"} 12
                vmagent_remotewrite_requests_total{url="1:secret-url", status_code="5XX"} 3
                vmagent_remotewrite_requests_total{url="2:secret-url", status_code="4XX"} 1
                vmagent_remotewrite_retries_count_total{url="1:secret-url"} 3
                """;
        assertEquals(new VmagentMetrics(12, 4, 7, 448), VmagentMetrics.parse(metrics));
    }

    @Test
    void aMalformedValueIsAnError() {
        assertThrows(IllegalArgumentException.class,
                () -> VmagentMetrics.parse("vmagent_remotewrite_errors_total{url=\"1\"} lots\n"));
    }
}
