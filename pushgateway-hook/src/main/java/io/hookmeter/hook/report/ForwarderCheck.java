package io.hookmeter.hook.report;

import io.hookmeter.hook.install.TeamForwarder;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code hookmeter doctor} in team mode: the forwarder service that {@code install --team} wrote, and the vmagent it
 * runs, asked on its own HTTP address: does it answer, are its scrape targets (the agent, the exporter) up, does
 * its remote write to the team store succeed. Every answer, a failure included, is one line.
 */
final class ForwarderCheck {
    /** Where doctor's lines go. */
    interface Lines {
        void line(boolean ok, String text);

        void note(String text);
    }

    private static final int HTTP_TIMEOUT_MS = 2000;

    private final TeamForwarder.Installed forwarder;
    private final Lines lines;

    ForwarderCheck(TeamForwarder.Installed forwarder, Lines lines) {
        this.forwarder = forwarder;
        this.lines = lines;
    }

    void run() {
        if (forwarder.url() == null) {
            lines.line(false, "team mode: the forwarder service " + forwarder.file() + " names no store URL: run "
                    + "`hookmeter install --team URL` again");
            return;
        }
        lines.note("team mode: team " + forwarder.team() + ", store " + forwarder.url() + " (forwarder service "
                + forwarder.file() + ")");
        String root = "http://" + forwarder.listen();
        String targets;
        try {
            targets = get(root + "/api/v1/targets");
        } catch (HttpStatus e) {
            lines.line(false, "forwarder address " + forwarder.listen() + " answers /api/v1/targets with HTTP "
                    + e.status + ": another program there, not vmagent? see `" + forwarder.statusCommand() + "`");
            return;
        } catch (IOException | IllegalArgumentException e) {
            lines.line(false, "forwarder (vmagent) not answering on " + forwarder.listen() + " (" + e.getMessage()
                    + "): see `" + forwarder.statusCommand() + "`");
            return;
        }
        if (!targets(targets)) {
            return;
        }
        try {
            remoteWrite(VmagentMetrics.parse(get(root + "/metrics")));
        } catch (IOException | IllegalArgumentException e) {
            lines.line(false, "forwarder (vmagent) on " + forwarder.listen() + " does not serve its /metrics ("
                    + e.getMessage() + ")");
        }
    }

    /** The scrape targets' lines; false when the answer is not vmagent's (nothing more to ask there). */
    private boolean targets(String json) {
        List<ScrapeTargets.Target> all;
        try {
            all = ScrapeTargets.parse(json);
        } catch (IOException e) {
            lines.line(false, "forwarder address " + forwarder.listen() + " answers /api/v1/targets with something "
                    + "else than vmagent's list of targets: another program there, not vmagent? see `"
                    + forwarder.statusCommand() + "`");
            return false;
        }
        long up = all.stream().filter(t -> "up".equals(t.health())).count();
        if (all.isEmpty()) {
            lines.line(false, "forwarder (vmagent) on " + forwarder.listen() + " has no scrape targets");
        } else if (up == all.size()) {
            lines.line(true, "forwarder (vmagent) on " + forwarder.listen() + " scrapes " + up + " targets, all up");
        }
        for (ScrapeTargets.Target target : all) {
            if ("down".equals(target.health())) {
                lines.line(false, "forwarder cannot scrape " + target.scrapeUrl() + " (job " + target.job() + "): "
                        + target.lastError());
            } else if (!"up".equals(target.health())) {
                lines.note("forwarder has not scraped " + target.scrapeUrl() + " (job " + target.job() + ") yet");
            }
        }
        return true;
    }

    private void remoteWrite(VmagentMetrics metrics) {
        long failed = metrics.connectionErrors() + metrics.refused();
        if (failed > 0) {
            lines.line(false, "forwarder's remote write to " + forwarder.url() + " failing: since vmagent started "
                    + metrics.connectionErrors() + " connection errors, " + metrics.refused()
                    + " requests refused (not 2XX), " + metrics.sent() + " sent; "
                    + metrics.pendingBytes() + " bytes pending (`" + forwarder.statusCommand() + "` shows its log)");
        } else {
            lines.line(true, "forwarder writes to " + forwarder.url() + ": " + metrics.sent()
                    + " requests sent since vmagent started, none failed");
        }
        if (metrics.pendingBytes() > 0 && failed == 0) {
            lines.note("forwarder holds " + metrics.pendingBytes() + " bytes not yet sent to the store "
                    + "(kept on disk until the store takes them)");
        }
    }

    /** An answer other than 200. */
    private static final class HttpStatus extends IOException {
        final int status;

        HttpStatus(String url, int status) {
            super(url + " answers HTTP " + status);
            this.status = status;
        }
    }

    /** A GET with short timeouts, like doctor's Pushgateway check; IOException unless HTTP 200. */
    private static String get(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(HTTP_TIMEOUT_MS);
        connection.setReadTimeout(HTTP_TIMEOUT_MS);
        try {
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new HttpStatus(url, status);
            }
            try (InputStream body = connection.getInputStream()) {
                return new String(body.readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            connection.disconnect();
        }
    }
}
