import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * scripts/simulate-team: N synthetic developers' Hookmeter series for the last HOURS hours, as their forwarders
 * would have written them, imported into a VictoriaMetrics with timestamps (JSON lines, /api/v1/import). The metric
 * families, label names, bucket bounds and prices are the agent's (docs/design.md, "Metric contract"), with the
 * team-scale labels team and project, and the exporter's load and memory gauges of each developer's machine (job
 * node). Cumulative counters that only increase; seeded, so a seed and --end give the same series every time. Runs
 * as a single-file Java program (java SimulateTeam.java ...).
 */
public final class SimulateTeam {
    static final String USAGE = "usage: simulate-team (--url URL | --out FILE|-) [--seed N] [--team NAME] "
            + "[--step SECONDS] [--end UNIX_SECONDS] N HOURS";
    /** The agent's duration buckets (io.hookmeter.hook.state.Buckets), formatted as it formats them. */
    static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600,
            1800};
    static final String[] PROJECT_NAMES = {"api", "web", "billing", "mobile", "infra", "data-pipeline", "search",
            "auth", "docs", "ml-platform"};

    /** name, share of calls, median seconds, spread (log-normal sigma), error rate. */
    record Tool(String name, double weight, double median, double sigma, double errorRate) {
    }

    static final Tool[] TOOLS = {
            new Tool("Bash", 0.24, 1.5, 1.2, 0.08), new Tool("Read", 0.24, 0.03, 0.8, 0.005),
            new Tool("Edit", 0.15, 0.08, 0.7, 0.03), new Tool("Grep", 0.10, 0.2, 0.9, 0.01),
            new Tool("Glob", 0.05, 0.05, 0.8, 0.005), new Tool("Write", 0.05, 0.06, 0.7, 0.01),
            new Tool("Task", 0.04, 45, 1.0, 0.03), new Tool("WebFetch", 0.05, 2.5, 0.9, 0.12),
            new Tool("TodoWrite", 0.08, 0.01, 0.5, 0.0)};

    /** model, USD per million tokens: input, cache write (5 min), cache read, output (the bundled price table). */
    record Model(String name, double input, double cacheWrite, double cacheRead, double output) {
    }

    static final Model[] MODELS = {new Model("claude-sonnet-4-5", 3, 3.75, 0.30, 15),
            new Model("claude-opus-4-5", 5, 6.25, 0.50, 25), new Model("claude-haiku-4-5", 1, 1.25, 0.10, 5)};

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("simulate-team: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        long end = options.end - options.end % options.step;
        int steps = (int) (options.hours * 3600L / options.step);
        long start = end - (long) (steps - 1) * options.step;
        Sink sink = options.out != null ? Sink.file(options.out) : Sink.http(options.url + "/api/v1/import");
        long samples = 0;
        int projects = Math.max(3, (options.developers + 3) / 4);
        for (int d = 0; d < options.developers; d++) {
            Developer developer = new Developer(d, options, projects, start, steps);
            developer.simulate();
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            samples += developer.writeJsonLines(lines);
            sink.send(lines.toByteArray());
        }
        sink.close();
        System.err.printf("simulate-team: %d developers, %d steps of %d s ending %d, %d samples%n",
                options.developers, steps, options.step, end, samples);
    }

    record Options(String url, String out, long seed, String team, int step, long end, int developers, int hours) {
        static Options parse(String[] args) {
            String url = null;
            String out = null;
            long seed = 1;
            String team = "simulated";
            int step = 60;
            long end = System.currentTimeMillis() / 1000;
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.startsWith("--") && i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                try {
                    switch (arg) {
                        case "--url" -> url = args[++i].replaceFirst("/+$", "");
                        case "--out" -> out = args[++i];
                        case "--seed" -> seed = Long.parseLong(args[++i]);
                        case "--team" -> team = args[++i];
                        case "--step" -> step = Integer.parseInt(args[++i]);
                        case "--end" -> end = Long.parseLong(args[++i]);
                        default -> {
                            if (arg.startsWith("--")) {
                                throw new IllegalArgumentException("unknown option " + arg);
                            }
                            positional.add(arg);
                        }
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number after " + arg + ": " + args[i]);
                }
            }
            if ((url == null) == (out == null)) {
                throw new IllegalArgumentException("give either --url or --out");
            }
            if (url != null && !url.matches("https?://.+")) {
                throw new IllegalArgumentException("not an http(s) URL: " + url);
            }
            if (positional.size() != 2 || !positional.get(0).matches("[1-9][0-9]{0,5}")
                    || !positional.get(1).matches("[1-9][0-9]{0,4}")) {
                throw new IllegalArgumentException("N and HOURS must be positive whole numbers");
            }
            if (step < 1 || step > 3600) {
                throw new IllegalArgumentException("--step must be 1 to 3600 seconds");
            }
            return new Options(url, out, seed, team, step, end, Integer.parseInt(positional.get(0)),
                    Integer.parseInt(positional.get(1)));
        }
    }

    /** One cumulative series: its value at every step, NaN before it exists (as before the agent first saw it). */
    static final class Series {
        final Map<String, String> labels;
        final double[] values;
        double current;

        Series(Map<String, String> labels, int steps) {
            this.labels = labels;
            this.values = new double[steps];
            java.util.Arrays.fill(values, Double.NaN);
        }
    }

    static final class Developer {
        final SplittableRandom random;
        final Map<String, String> group = new LinkedHashMap<>();
        /** The exporter's series of the same machine: job node, no user (as deploy/team/forwarder sends them). */
        final Map<String, String> host = new LinkedHashMap<>();
        final double memoryBytes;
        final Map<String, Series> series = new LinkedHashMap<>();
        final long start;
        final int steps;
        final int stepSeconds;
        final double timezone;
        final double intensity;
        final List<String> projects = new ArrayList<>();
        final Model model;
        String project;

        Developer(int index, Options options, int projectCount, long start, int steps) {
            this.random = new SplittableRandom(options.seed * 1_000_003L + index);
            this.start = start;
            this.steps = steps;
            this.stepSeconds = options.step;
            String user = String.format("dev%03d", index);
            group.put("instance", user + "-laptop");
            group.put("job", "hookmeter");
            group.put("team", options.team);
            group.put("user", user);
            host.put("instance", user + "-laptop");
            host.put("job", "node");
            host.put("team", options.team);
            memoryBytes = (16L << 30) * (1 + random.nextInt(4));
            double[] zones = {-8, -5, 0, 1, 2, 5.5, 8, 9};
            timezone = zones[random.nextInt(zones.length)];
            intensity = 0.5 + random.nextDouble();
            int own = 1 + random.nextInt(Math.min(3, projectCount));
            for (int p = 0; p < own; p++) {
                String name = projectName(random.nextInt(projectCount));
                if (!projects.contains(name)) {
                    projects.add(name);
                }
            }
            double m = random.nextDouble();
            model = m < 0.7 ? MODELS[0] : m < 0.9 ? MODELS[1] : MODELS[2];
            project = projects.get(0);
        }

        static String projectName(int i) {
            return i < PROJECT_NAMES.length ? PROJECT_NAMES[i] : String.format("service-%02d", i);
        }

        void simulate() {
            double scale = stepSeconds / 60.0;
            for (int step = 0; step < steps; step++) {
                long t = start + (long) step * stepSeconds;
                boolean active = random.nextDouble() < activity(t);
                // The host: busier while its developer works, a little noise always.
                double busy = active ? 0.5 + random.nextDouble() : random.nextDouble() * 0.3;
                hostSeries("node_load1").current = busy * 4 * intensity;
                hostSeries("node_memory_MemTotal_bytes").current = memoryBytes;
                hostSeries("node_memory_MemAvailable_bytes").current = Math.rint(memoryBytes
                        * Math.max(0.03, 0.7 - 0.45 * busy * intensity));
                if (active) {
                    if (random.nextDouble() < 0.02 * scale) {
                        project = projects.get(random.nextInt(projects.size()));
                    }
                    int prompts = poisson(0.3 * scale);
                    counter("hookmeter_prompts_total").current += prompts;
                    counter("hookmeter_turns_total").current += prompts;
                    for (int i = poisson(3 * scale); i > 0; i--) {
                        toolCall();
                    }
                    for (int i = poisson(1.5 * scale); i > 0; i--) {
                        apiRequest(random.nextDouble() < 0.15 ? MODELS[2] : model);
                    }
                }
                for (Series s : series.values()) {
                    s.values[step] = s.current;
                }
            }
        }

        /** Chance of working in a step: office hours on weekdays in the developer's time zone, some evenings. */
        double activity(long t) {
            double local = t / 3600.0 + timezone;
            double hour = ((local % 24) + 24) % 24;
            long day = Math.floorDiv((long) Math.floor(local), 24);
            boolean weekday = Math.floorMod(day + 3, 7) < 5;  // 1970-01-01 was a Thursday
            if (weekday && hour >= 9 && hour < 18) {
                return Math.min(0.95, 0.55 * intensity);
            }
            return hour >= 18 && hour < 23 ? 0.08 * intensity : 0.01;
        }

        void toolCall() {
            double pick = random.nextDouble();
            Tool tool = TOOLS[TOOLS.length - 1];
            for (Tool candidate : TOOLS) {
                pick -= candidate.weight();
                if (pick < 0) {
                    tool = candidate;
                    break;
                }
            }
            String agent = tool.name().matches("Read|Grep|Glob|Bash") && random.nextDouble() < 0.15 ? "Explore"
                    : "main";
            double seconds = tool.median() * Math.exp(tool.sigma() * gaussian());
            double o = random.nextDouble();
            String outcome = o < 0.004 ? "interrupted" : o < 0.004 + tool.errorRate() ? "error" : "success";
            // The agent creates a tool's success and error series together, at 0, on its first call.
            histogram(tool.name(), "success", agent);
            histogram(tool.name(), "error", agent);
            Series[] h = histogram(tool.name(), outcome, agent);
            for (int i = 0; i < BOUNDS.length; i++) {
                if (seconds <= BOUNDS[i]) {
                    h[i].current++;
                }
            }
            h[BOUNDS.length].current++;
            h[BOUNDS.length + 1].current += seconds;
            h[BOUNDS.length + 2].current++;
        }

        void apiRequest(Model m) {
            long input = 200 + random.nextInt(3800);
            long output = 100 + random.nextInt(2400);
            long cacheRead = 20_000 + random.nextInt(100_000);
            long cacheCreation = random.nextDouble() < 0.3 ? 500 + random.nextInt(7500) : 0;
            tokens(m, "input").current += input;
            tokens(m, "output").current += output;
            tokens(m, "cache_read").current += cacheRead;
            tokens(m, "cache_creation").current += cacheCreation;
            series("hookmeter_api_requests_total", "project", project, "model", m.name()).current++;
            series("hookmeter_cost_usd_total", "project", project, "model", m.name()).current +=
                    (input * m.input() + output * m.output() + cacheRead * m.cacheRead()
                            + cacheCreation * m.cacheWrite()) / 1e6;
        }

        Series tokens(Model m, String type) {
            return series("hookmeter_tokens_total", "project", project, "model", m.name(), "type", type);
        }

        Series hostSeries(String name) {
            Map<String, String> labels = new TreeMap<>(host);
            labels.put("__name__", name);
            return series.computeIfAbsent(labels.toString(), key -> new Series(labels, steps));
        }

        Series counter(String name) {
            return series(name);
        }

        /** The buckets (le ascending, then +Inf), sum and count of one histogram series. */
        Series[] histogram(String tool, String outcome, String agent) {
            String[] labels = {"project", project, "tool", tool, "outcome", outcome, "agent", agent};
            Series[] h = new Series[BOUNDS.length + 3];
            for (int i = 0; i <= BOUNDS.length; i++) {
                String le = i < BOUNDS.length ? Double.toString(BOUNDS[i]) : "+Inf";
                String[] withLe = java.util.Arrays.copyOf(labels, labels.length + 2);
                withLe[labels.length] = "le";
                withLe[labels.length + 1] = le;
                h[i] = series("hookmeter_tool_duration_seconds_bucket", withLe);
            }
            h[BOUNDS.length + 1] = series("hookmeter_tool_duration_seconds_sum", labels);
            h[BOUNDS.length + 2] = series("hookmeter_tool_duration_seconds_count", labels);
            return h;
        }

        Series series(String name, String... labelPairs) {
            Map<String, String> labels = new TreeMap<>(group);
            for (int i = 0; i < labelPairs.length; i += 2) {
                labels.put(labelPairs[i], labelPairs[i + 1]);
            }
            labels.put("__name__", name);
            return series.computeIfAbsent(labels.toString(), key -> new Series(labels, steps));
        }

        /** One JSON line per series: VictoriaMetrics' /api/v1/import format. Returns the number of samples. */
        long writeJsonLines(OutputStream out) {
            StringBuilder line = new StringBuilder();
            long samples = 0;
            try {
                for (Series s : series.values()) {
                    line.setLength(0);
                    line.append("{\"metric\":{");
                    boolean first = true;
                    for (var label : s.labels.entrySet()) {
                        line.append(first ? "" : ",").append('"').append(label.getKey()).append("\":\"")
                                .append(label.getValue()).append('"');
                        first = false;
                    }
                    StringBuilder values = new StringBuilder();
                    StringBuilder timestamps = new StringBuilder();
                    for (int step = 0; step < steps; step++) {
                        if (Double.isNaN(s.values[step])) {
                            continue;
                        }
                        values.append(values.isEmpty() ? "" : ",").append(number(s.values[step]));
                        timestamps.append(timestamps.isEmpty() ? "" : ",")
                                .append((start + (long) step * stepSeconds) * 1000);
                        samples++;
                    }
                    line.append("},\"values\":[").append(values).append("],\"timestamps\":[").append(timestamps)
                            .append("]}\n");
                    out.write(line.toString().getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return samples;
        }

        static String number(double value) {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                    : String.format(java.util.Locale.ROOT, "%.9g", value).replaceFirst("0+(e|$)", "$1");
        }

        int poisson(double mean) {
            double limit = Math.exp(-mean);
            double product = random.nextDouble();
            int n = 0;
            while (product > limit) {
                product *= random.nextDouble();
                n++;
            }
            return n;
        }

        double gaussian() {
            // Box-Muller from the seeded stream, so the same seed gives the same durations on every JDK.
            double u = 1 - random.nextDouble();
            double v = random.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }
    }

    /** Where the JSON lines go: a VictoriaMetrics import endpoint, one request per developer, or a file. */
    interface Sink {
        void send(byte[] lines) throws IOException, InterruptedException;

        void close() throws IOException;

        static Sink http(String endpoint) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            return new Sink() {
                @Override
                public void send(byte[] lines) throws IOException, InterruptedException {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(endpoint))
                            .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofByteArray(lines))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() / 100 != 2) {
                        throw new IOException("POST " + endpoint + " answered " + response.statusCode() + ": "
                                + response.body());
                    }
                }

                @Override
                public void close() {
                }
            };
        }

        static Sink file(String path) throws IOException {
            OutputStream out = new BufferedOutputStream(path.equals("-") ? System.out
                    : java.nio.file.Files.newOutputStream(java.nio.file.Path.of(path)));
            return new Sink() {
                @Override
                public void send(byte[] lines) throws IOException {
                    out.write(lines);
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                    if (!path.equals("-")) {
                        out.close();
                    }
                }
            };
        }
    }
}
