package io.hookmeter.stack.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookmeter.stack.dashboards.Dashboards.Dashboard;
import io.hookmeter.stack.dashboards.Dashboards.Query;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * scripts/bench-team's query timer: every panel query of the team dashboards (grafana/dashboards/*team*.json), as
 * Grafana sends it when the dashboard opens (its default time range, the variables at All), run RUNS times against a
 * store; prints p50 and max per query, and the same for {@code vector(1)}, the store's round trip with nothing to
 * read. A query the store refuses is printed as such, and the others still run. Then every query again with one
 * user picked (the first in the store): the panels over recorded series read another rule then, so each of them
 * gets its line, and all queries a summary line. Not a test: a benchmark prints figures, it asserts nothing about
 * speed.
 *
 * <p>usage: TeamQueryBench URL NOW_UNIX_SECONDS STEP_SECONDS RUNS LABEL
 */
public final class TeamQueryBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private TeamQueryBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: TeamQueryBench URL NOW_UNIX_SECONDS STEP_SECONDS RUNS LABEL");
            System.exit(2);
        }
        String url = args[0].replaceFirst("/+$", "");
        Instant now = Instant.ofEpochSecond(Long.parseLong(args[1]));
        Duration step = Duration.ofSeconds(Long.parseLong(args[2]));
        int runs = Integer.parseInt(args[3]);
        String label = args[4];

        print(label, "vector(1)", "(yardstick: a query with nothing to read)",
                time(url, "query?query=" + encode("vector(1)") + "&time=" + now.getEpochSecond(), runs));
        timeAll(url, now, step, runs, label, "all team queries", Map.of(), query -> true);
        // The recorded series' panels read another rule once someone is picked: time that too.
        String user = firstUser(url, now);
        timeAll(url, now, step, runs, label, "all team queries, user " + user,
                Map.of("user", GrafanaMacros.regex(List.of(user))),
                query -> PromQl.selectors(query.expr()).stream().anyMatch(s -> s.name().contains(":")));
    }

    /**
     * Every team query with the variables at All but {@code picked}: prints the queries {@code shown} selects, one
     * line each, then the slowest p50 and max over all of them under {@code summary}.
     */
    private static void timeAll(String url, Instant now, Duration step, int runs, String label, String summary,
                                Map<String, String> picked, Predicate<Query> shown) throws InterruptedException {
        List<long[]> all = new ArrayList<>();
        int failed = 0;
        String suffix = picked.isEmpty() ? "" : " " + picked;
        for (Dashboard dashboard : Dashboards.all().stream().filter(Dashboards::isTeam).toList()) {
            for (Query query : dashboard.queries()) {
                GrafanaTimeRange range = GrafanaTimeRange.of(query, step, now);
                Map<String, String> values = range.variables(query);
                values.putAll(picked);
                String expr = GrafanaMacros.substitute(query.expr(), values);
                String path = query.instant()
                        ? "query?query=" + encode(expr) + "&time=" + now.getEpochSecond()
                        : "query_range?query=" + encode(expr) + "&start=" + range.start().getEpochSecond()
                                + "&end=" + now.getEpochSecond() + "&step=" + range.interval().toSeconds();
                String name = query.panelTitle() + " / " + query.target().path("refId").asText() + suffix;
                try {
                    long[] nanos = time(url, path, runs);
                    all.add(nanos);
                    if (shown.test(query)) {
                        print(label, name, "range " + GrafanaTimeRange.promDuration(range.range()), nanos);
                    }
                } catch (IOException e) {
                    failed++;
                    System.out.printf(Locale.ROOT, "%-8s %-52s FAILED: %s%n", label, name, e.getMessage());
                }
            }
        }
        long worst = all.stream().mapToLong(n -> n[n.length - 1]).max().orElse(0);
        long worstP50 = all.stream().mapToLong(n -> n[(n.length - 1) / 2]).max().orElse(0);
        System.out.printf(Locale.ROOT, "%-8s %-52s queries=%d failed=%d slowest p50=%s slowest max=%s   "
                        + "(goal at N=500: every query <= 1 s)%n", label, summary, all.size() + failed,
                failed, ms(worstP50), ms(worst));
    }

    /** The first user (in label order) with cost in the store over the day before {@code now}. */
    private static String firstUser(String url, Instant now) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url
                + "/api/v1/label/user/values?match[]=" + encode("hookmeter_cost_usd_total") + "&start="
                + (now.getEpochSecond() - 86_400) + "&end=" + now.getEpochSecond())).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode users = JSON.readTree(response.body()).path("data");
        if (response.statusCode() != 200 || users.isEmpty()) {
            throw new IOException("no user in the store: " + response.statusCode() + " " + response.body());
        }
        return users.get(0).asText();
    }

    /** Runs the query {@code runs} times; the sorted latencies in nanoseconds. A failed query ends the benchmark. */
    private static long[] time(String url, String path, int runs) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/" + path))
                .timeout(Duration.ofMinutes(2)).build();
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - start;
            if (response.statusCode() != 200 || !response.body().contains("\"status\":\"success\"")) {
                // The store's reason is at the end of its message ("...: the number of matching timeseries ...").
                String body = response.body();
                throw new IOException(response.statusCode() + " " + body.substring(Math.max(0, body.length() - 200)));
            }
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static void print(String label, String name, String note, long[] nanos) {
        System.out.printf(Locale.ROOT, "%-8s %-52s runs=%d p50=%s max=%s   %s%n", label, name, nanos.length,
                ms(nanos[(nanos.length - 1) / 2]), ms(nanos[nanos.length - 1]), note);
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
