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
    /** A model the bundled price table does not know yet: its tokens are counted, its cost is 0. */
    static final Model UNPRICED = new Model("claude-preview", 0, 0, 0, 0);
    /** The agent's bucket bounds of turns, sessions and spool batches (ActivityListener, SpoolMetrics). */
    static final double[] TURN_BOUNDS = {1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200};
    static final double[] SESSION_BOUNDS = {60, 300, 600, 1800, 3600, 7200, 14400, 28800, 57600, 86400, 172800};
    static final double[] BATCH_BOUNDS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};

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
        final Map<String, Series> byCall = new java.util.HashMap<>();
        final long start;
        final int steps;
        final int stepSeconds;
        final double timezone;
        final double intensity;
        final List<String> projects = new ArrayList<>();
        final Model model;
        /** Some developers try a model before the price table knows it. */
        final boolean unpricedModel;
        /** Some machines' disks fill up now and then: their hooks drop (and count) an event. */
        final boolean flaky;
        final long agentStart;
        final Machine machine;
        final Quota quota;
        String project;
        /** The current step's time, and the events handed over in it. */
        long now;
        int batch;
        boolean inSession;
        long sessionStart;
        int idleSteps;

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
            unpricedModel = random.nextDouble() < 0.25;
            flaky = random.nextDouble() < 0.25;
            agentStart = start - 3600L * (1 + random.nextInt(72));
            machine = new Machine(this);
            quota = new Quota(this);
        }

        static String projectName(int i) {
            return i < PROJECT_NAMES.length ? PROJECT_NAMES[i] : String.format("service-%02d", i);
        }

        void simulate() {
            double scale = stepSeconds / 60.0;
            for (int step = 0; step < steps; step++) {
                long t = start + (long) step * stepSeconds;
                now = t;
                batch = 0;
                boolean active = random.nextDouble() < activity(t);
                // The host: busier while its developer works, a little noise always.
                double busy = active ? 0.5 + random.nextDouble() : random.nextDouble() * 0.3;
                machine.step(busy, active);
                scrapeSeries("up", "hookmeter").current = 1;
                scrapeSeries("up", "node").current = 1;
                if (active) {
                    idleSteps = 0;
                    if (!inSession) {
                        startSession();
                    }
                    if (random.nextDouble() < 0.02 * scale) {
                        project = projects.get(random.nextInt(projects.size()));
                    }
                    int prompts = poisson(0.3 * scale);
                    counter("hookmeter_prompts_total").current += prompts;
                    counter("hookmeter_turns_total").current += prompts;
                    for (int i = 0; i < prompts; i++) {
                        turn();
                    }
                    for (int i = poisson(3 * scale); i > 0; i--) {
                        toolCall();
                    }
                    for (int i = poisson(1.5 * scale); i > 0; i--) {
                        apiRequest(random.nextDouble() < 0.03 && unpricedModel ? UNPRICED
                                : random.nextDouble() < 0.15 ? MODELS[2] : model);
                    }
                    if (random.nextDouble() < 0.01 * scale) {
                        series("hookmeter_compactions_total", "trigger", random.nextDouble() < 0.8 ? "auto"
                                : "manual").current++;
                        hookEvents("PreCompact", 1);
                    }
                } else if (inSession && ++idleSteps * stepSeconds >= 1800) {
                    endSession();
                }
                quota.step(active);
                agentStep();
                for (Series s : series.values()) {
                    s.values[step] = s.current;
                }
            }
        }

        void startSession() {
            inSession = true;
            sessionStart = now;
            series("hookmeter_sessions_started_total", "source", random.nextDouble() < 0.8 ? "startup" : "resume")
                    .current++;
            hookEvents("SessionStart", 1);
        }

        /** Half an hour without work ends the session (the developer quits Claude Code). */
        void endSession() {
            inSession = false;
            String reason = random.nextDouble() < 0.85 ? "prompt_input_exit" : "other";
            series("hookmeter_sessions_ended_total", "reason", reason).current++;
            observe("hookmeter_session_duration_seconds", SESSION_BOUNDS, now - sessionStart, "reason", reason);
            hookEvents("SessionEnd", 1);
        }

        /** A prompt's turn: its duration from the prompt to Stop (or StopFailure), a notification when it waits. */
        void turn() {
            hookEvents("UserPromptSubmit", 1);
            double seconds = 45 * Math.exp(gaussian());
            if (random.nextDouble() < 0.02) {
                String[] errors = {"rate_limit", "overloaded", "server_error"};
                series("hookmeter_turn_failures_total", "error", errors[random.nextInt(errors.length)]).current++;
                observe("hookmeter_turn_duration_seconds", TURN_BOUNDS, seconds, "outcome", "failed");
                hookEvents("StopFailure", 1);
                return;
            }
            observe("hookmeter_turn_duration_seconds", TURN_BOUNDS, seconds, "outcome", "completed");
            hookEvents("Stop", 1);
            if (random.nextDouble() < 0.3) {
                series("hookmeter_notifications_total", "type", "idle_prompt").current++;
                hookEvents("Notification", 1);
            }
        }

        /**
         * The agent's own series: it is resident (started before the simulated hours), its self-monitoring counters
         * exist at 0 from its start, and it applies this step's events in one batch, each a moment after its
         * hand-over.
         */
        void agentStep() {
            series("hookmeter_agent_start_time_seconds").current = agentStart;
            series("hookmeter_push_failures_total");
            series("hookmeter_state_recoveries_total");
            series("hookmeter_spool_depth").current = 0;
            series("hookmeter_spool_oldest_event_timestamp_seconds").current = 0;
            series("hookmeter_events_dropped_total", "reason", "spool_full");
            series("hookmeter_events_dropped_total", "reason", "write_failed");
            Series applied = series("hookmeter_events_applied_total", "kind", "hook");
            if (batch == 0) {
                return;
            }
            applied.current += batch;
            observe("hookmeter_spool_batch_size", BATCH_BOUNDS, batch);
            for (int i = 0; i < batch; i++) {
                observe("hookmeter_spool_apply_delay_seconds", BOUNDS, 0.05 + 0.1 * Math.exp(0.6 * gaussian()));
            }
        }

        /** A series vmagent writes for its scrape of a target (job hookmeter or node): no user label. */
        Series scrapeSeries(String name, String job) {
            return hostSeries(name, "job", job);
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
            observe("hookmeter_tool_duration_seconds", BOUNDS, seconds, "project", project, "tool", tool.name(),
                    "outcome", outcome, "agent", agent);
            series("hookmeter_tool_last_call_timestamp_seconds", "tool", tool.name()).current = now;
            hookEvents("PreToolUse", 1);
            hookEvents(outcome.equals("success") ? "PostToolUse" : "PostToolUseFailure", 1);
            if (outcome.equals("interrupted") && random.nextDouble() < 0.5) {
                // Escape before the Post arrived: counted without a duration.
                series("hookmeter_tool_unmeasured_calls_total", "tool", tool.name(), "outcome", outcome, "agent",
                        agent).current++;
            }
            if (tool.name().matches("Bash|Edit|Write|WebFetch") && random.nextDouble() < 0.12) {
                series("hookmeter_permission_requests_total", "tool", tool.name()).current++;
                series("hookmeter_notifications_total", "type", "permission_prompt").current++;
                hookEvents("PermissionRequest", 1);
                hookEvents("Notification", 1);
                if (random.nextDouble() < 0.08) {
                    series("hookmeter_tool_permission_denials_total", "tool", tool.name(), "denied_by", "user")
                            .current++;
                }
            }
            if (!outcome.equals("success")) {
                if (tool.name().equals("Bash") && outcome.equals("error")) {
                    double c = random.nextDouble();
                    series("hookmeter_tool_exit_codes_total", "tool", "Bash", "code",
                            c < 0.8 ? "1" : c < 0.9 ? "2" : "127").current++;
                }
                return;
            }
            switch (tool.name()) {
                case "Read" -> series("hookmeter_file_operations_total", "operation", "read").current++;
                case "Write", "Edit" -> {
                    series("hookmeter_file_operations_total", "operation", tool.name().toLowerCase()).current++;
                    // The status line's running totals of the session, as the agent takes them.
                    series("hookmeter_lines_of_code_total", "type", "added").current += 1 + random.nextInt(40);
                    series("hookmeter_lines_of_code_total", "type", "removed").current += random.nextInt(15);
                }
                case "Bash" -> {
                    if (random.nextDouble() < 0.2) {
                        String[] git = {"status", "diff", "log", "add", "commit", "checkout", "push", "other"};
                        series("hookmeter_git_commands_total", "subcommand", git[random.nextInt(git.length)])
                                .current++;
                    }
                }
                case "Task" -> subagent(seconds);
                default -> {
                }
            }
        }

        /** A Task call ran a subagent for its duration: SubagentStart and SubagentStop. */
        void subagent(double seconds) {
            String type = random.nextDouble() < 0.6 ? "Explore" : "general-purpose";
            series("hookmeter_subagents_started_total", "agent_type", type).current++;
            hookEvents("SubagentStart", 1);
            if (random.nextDouble() < 0.02) {
                // The session ended before its SubagentStop: the agent gives up on it.
                series("hookmeter_events_rejected_total", "reason", "unfinished_subagent").current++;
                return;
            }
            series("hookmeter_subagents_total", "agent_type", type).current++;
            observe("hookmeter_subagent_duration_seconds", BOUNDS, seconds, "agent_type", type);
            hookEvents("SubagentStop", 1);
        }

        /** Hook events handed over (each a hook run) and applied by the agent in this step's batch. */
        void hookEvents(String event, int n) {
            for (int i = 0; i < n; i++) {
                observe("hookmeter_hook_duration_seconds", BOUNDS, 0.006 * Math.exp(0.5 * gaussian()), "event",
                        event);
                if (flaky && random.nextDouble() < 0.002) {
                    // A full disk on this machine: the hook could not write its event, and counts it.
                    series("hookmeter_events_dropped_total", "reason", "write_failed").current++;
                    continue;
                }
                batch++;
            }
        }

        void apiRequest(Model m) {
            long input = 200 + random.nextInt(3800);
            long output = 100 + random.nextInt(2400);
            long cacheRead = 20_000 + random.nextInt(100_000);
            long cacheCreation = random.nextDouble() < 0.3 ? 500 + random.nextInt(7500) : 0;
            long[] byType = {input, output, cacheRead, cacheCreation};
            String[] types = {"input", "output", "cache_read", "cache_creation"};
            double cost = (input * m.input() + output * m.output() + cacheRead * m.cacheRead()
                    + cacheCreation * m.cacheWrite()) / 1e6;
            // A share of the requests come from subagents' transcripts: counted in the totals and in their part.
            String subagent = random.nextDouble() < 0.12 ? (random.nextDouble() < 0.6 ? "Explore" : "general-purpose")
                    : null;
            for (int i = 0; i < types.length; i++) {
                tokens(m, types[i]).current += byType[i];
                if (subagent != null) {
                    series("hookmeter_subagent_tokens_total", "agent_type", subagent, "model", m.name(), "type",
                            types[i]).current += byType[i];
                }
            }
            series("hookmeter_api_requests_total", "project", project, "model", m.name()).current++;
            series("hookmeter_cost_usd_total", "project", project, "model", m.name()).current += cost;
            if (subagent != null) {
                series("hookmeter_subagent_cost_usd_total", "agent_type", subagent, "model", m.name()).current +=
                        cost;
            }
            if (m == UNPRICED) {
                series("hookmeter_unpriced_tokens_total", "model", m.name()).current +=
                        input + output + cacheRead + cacheCreation;
            }
            quota.spent(cost);
        }

        Series tokens(Model m, String type) {
            return series("hookmeter_tokens_total", "project", project, "model", m.name(), "type", type);
        }

        /** A series of the exporter on this developer's machine (job node, no user). */
        Series hostSeries(String name, String... labelPairs) {
            return series(host, name, labelPairs);
        }

        Series counter(String name) {
            return series(name);
        }

        /** The buckets (le ascending, then +Inf), sum and count of one histogram series. */
        Series[] histogram(String tool, String outcome, String agent) {
            return histogram("hookmeter_tool_duration_seconds", BOUNDS, "project", project, "tool", tool, "outcome",
                    outcome, "agent", agent);
        }

        Series[] histogram(String name, double[] bounds, String... labels) {
            Series[] h = new Series[bounds.length + 3];
            for (int i = 0; i <= bounds.length; i++) {
                String le = i < bounds.length ? Double.toString(bounds[i]) : "+Inf";
                String[] withLe = java.util.Arrays.copyOf(labels, labels.length + 2);
                withLe[labels.length] = "le";
                withLe[labels.length + 1] = le;
                h[i] = series(name + "_bucket", withLe);
            }
            h[bounds.length + 1] = series(name + "_sum", labels);
            h[bounds.length + 2] = series(name + "_count", labels);
            return h;
        }

        /** One observation into a histogram made by {@link #histogram(String, double[], String...)}. */
        void observe(String name, double[] bounds, double value, String... labels) {
            Series[] h = histogram(name, bounds, labels);
            for (int i = 0; i < bounds.length; i++) {
                if (value <= bounds[i]) {
                    h[i].current++;
                }
            }
            h[bounds.length].current++;
            h[bounds.length + 1].current += value;
            h[bounds.length + 2].current++;
        }

        Series series(String name, String... labelPairs) {
            return series(group, name, labelPairs);
        }

        /** The series of the base labels plus the pairs (which may override them), made on its first use. */
        Series series(Map<String, String> base, String name, String... labelPairs) {
            // Looked up by the call's own words first: building the sorted label set every time is the slow part.
            String call = (base == host ? "h\u0000" : "g\u0000") + name + '\u0000'
                    + String.join("\u0000", labelPairs);
            Series found = byCall.get(call);
            if (found != null) {
                return found;
            }
            Map<String, String> labels = new TreeMap<>(base);
            for (int i = 0; i < labelPairs.length; i += 2) {
                labels.put(labelPairs[i], labelPairs[i + 1]);
            }
            labels.put("__name__", name);
            Series made = series.computeIfAbsent(labels.toString(), key -> new Series(labels, steps));
            byCall.put(call, made);
            return made;
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

        /** Whole numbers as such, others to the microunit (String.format was most of the run time). */
        static String number(double value) {
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                return Long.toString((long) value);
            }
            double rounded = Math.rint(value * 1e6) / 1e6;
            return Math.abs(value) < 1e9 ? Double.toString(rounded) : Double.toString(value);
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

    /**
     * The exporter's series of one developer's laptop, as hookmeter-exporter (or node_exporter with
     * process-exporter's claude group) reports them: CPU per core and mode, load, memory, swap, two filesystems
     * that fill while the developer builds, one NVMe disk, Wi-Fi and loopback, a temperature sensor, processes.
     */
    static final class Machine {
        static final String[] MODES = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
        /** Share of busy time per mode, in the order of MODES (idle and steal get none). */
        static final double[] BUSY_SHARE = {0, 0.03, 0.01, 0.02, 0.02, 0, 0.22, 0.70};
        static final String[] COLLECTORS = {"cpu", "diskstats", "filesystem", "hwmon", "loadavg", "meminfo",
                "netdev", "stat", "time", "uname"};
        final Developer d;
        final int cores;
        final long boot;
        final double rootSize;
        double rootAvail;
        double load5;
        double load15;

        Machine(Developer d) {
            this.d = d;
            this.cores = 4 * (1 + d.random.nextInt(4));
            this.boot = d.start - 3600L * (2 + d.random.nextInt(24 * 14));
            this.rootSize = (512L << 30) * (1 + d.random.nextInt(2));
            this.rootAvail = rootSize * (0.2 + 0.6 * d.random.nextDouble());
        }

        void step(double busy, boolean active) {
            double dt = d.stepSeconds;
            double cpu = Math.min(0.95, 0.03 + 0.4 * busy * d.intensity);
            for (int c = 0; c < cores; c++) {
                double own = Math.min(1, cpu * (0.7 + 0.6 * d.random.nextDouble()));
                for (int m = 0; m < MODES.length; m++) {
                    double share = m == 0 ? 1 - own : own * BUSY_SHARE[m];
                    d.hostSeries("node_cpu_seconds_total", "cpu", Integer.toString(c), "mode", MODES[m]).current +=
                            dt * share;
                }
            }
            double load1 = busy * cores * 0.5 * d.intensity;
            load5 += (load1 - load5) * Math.min(1, dt / 300);
            load15 += (load1 - load15) * Math.min(1, dt / 900);
            d.hostSeries("node_load1").current = load1;
            d.hostSeries("node_load5").current = load5;
            d.hostSeries("node_load15").current = load15;
            d.hostSeries("node_context_switches_total").current += Math.rint(dt * (1500 + 30000 * cpu));
            d.hostSeries("node_intr_total").current += Math.rint(dt * (1000 + 20000 * cpu));
            d.hostSeries("node_procs_running").current = 1 + Math.rint(cores * cpu * d.random.nextDouble());
            d.hostSeries("node_procs_blocked").current = d.random.nextDouble() < 0.05 * cpu ? 1 : 0;
            d.hostSeries("node_time_seconds").current = d.now;
            d.hostSeries("node_boot_time_seconds").current = boot;
            d.hostSeries("node_uname_info", "nodename", d.host.get("instance"), "release", "6.8.0-49-generic",
                    "sysname", "Linux", "machine", "x86_64").current = 1;
            memory(busy);
            filesystems(active);
            disk(cpu, dt);
            network(active, dt);
            d.hostSeries("node_hwmon_temp_celsius", "chip", "platform_coretemp_0", "sensor", "temp1").current =
                    Math.rint(38 + 50 * cpu + 3 * d.random.nextDouble());
            claude(dt);
            for (String collector : COLLECTORS) {
                d.hostSeries("node_scrape_collector_duration_seconds", "collector", collector).current =
                        0.0002 + 0.002 * d.random.nextDouble();
                d.hostSeries("node_scrape_collector_success", "collector", collector).current = 1;
            }
        }

        void memory(double busy) {
            double total = d.memoryBytes;
            double available = Math.rint(total * Math.max(0.03, 0.7 - 0.45 * busy * d.intensity));
            d.hostSeries("node_memory_MemTotal_bytes").current = total;
            d.hostSeries("node_memory_MemAvailable_bytes").current = available;
            d.hostSeries("node_memory_Buffers_bytes").current = Math.rint(total * 0.02);
            d.hostSeries("node_memory_Cached_bytes").current = Math.rint(available * 0.6);
            d.hostSeries("node_memory_SwapTotal_bytes").current = 8L << 30;
            d.hostSeries("node_memory_SwapFree_bytes").current = (8L << 30) - Math.rint(
                    (1L << 30) * Math.max(0, 0.4 - available / total));
        }

        /** The root filesystem fills while the developer builds, and a clean-up now and then frees space. */
        void filesystems(boolean active) {
            if (active) {
                rootAvail -= d.stepSeconds * 100_000 * (1 + d.random.nextInt(100));
            }
            if (d.random.nextDouble() < 0.001 || rootAvail < rootSize * 0.05) {
                rootAvail += rootSize * 0.05;
            }
            String[][] mounts = {{"/", "/dev/nvme0n1p2", "ext4"}, {"/boot/efi", "/dev/nvme0n1p1", "vfat"}};
            double[] size = {rootSize, 536_834_048};
            double[] avail = {Math.rint(rootAvail / 4096) * 4096, 469_045_248};
            for (int i = 0; i < mounts.length; i++) {
                String[] labels = {"mountpoint", mounts[i][0], "device", mounts[i][1], "fstype", mounts[i][2]};
                d.hostSeries("node_filesystem_size_bytes", labels).current = size[i];
                d.hostSeries("node_filesystem_avail_bytes", labels).current = avail[i];
                double files = Math.rint(size[i] / 16384);
                d.hostSeries("node_filesystem_files", labels).current = files;
                d.hostSeries("node_filesystem_files_free", labels).current = Math.rint(files * avail[i] / size[i]);
                d.hostSeries("node_filesystem_readonly", labels).current = 0;
                d.hostSeries("node_filesystem_device_error", labels).current = 0;
            }
        }

        void disk(double cpu, double dt) {
            String[] nvme = {"device", "nvme0n1"};
            double reads = Math.rint(dt * (2 + 150 * cpu * d.random.nextDouble()));
            double writes = Math.rint(dt * (5 + 120 * cpu * d.random.nextDouble()));
            d.hostSeries("node_disk_reads_completed_total", nvme).current += reads;
            d.hostSeries("node_disk_writes_completed_total", nvme).current += writes;
            d.hostSeries("node_disk_read_bytes_total", nvme).current += reads * 32768;
            d.hostSeries("node_disk_written_bytes_total", nvme).current += writes * 16384;
            d.hostSeries("node_disk_read_time_seconds_total", nvme).current += reads * 0.00012;
            d.hostSeries("node_disk_write_time_seconds_total", nvme).current += writes * 0.00025;
            double busyTime = Math.min(dt, (reads * 0.00012 + writes * 0.00025) * 1.2);
            d.hostSeries("node_disk_io_time_seconds_total", nvme).current += busyTime;
            d.hostSeries("node_disk_io_time_weighted_seconds_total", nvme).current += busyTime * 1.4;
        }

        void network(boolean active, double dt) {
            String[] devices = {"wlp0s20f3", "lo"};
            for (String device : devices) {
                double rate = device.equals("lo") ? 20_000 : active ? 400_000 : 15_000;
                d.hostSeries("node_network_receive_bytes_total", "device", device).current +=
                        Math.rint(dt * rate * (0.5 + d.random.nextDouble()));
                d.hostSeries("node_network_transmit_bytes_total", "device", device).current +=
                        Math.rint(dt * rate * 0.2 * (0.5 + d.random.nextDouble()));
                boolean wifi = !device.equals("lo");
                d.hostSeries("node_network_receive_errs_total", "device", device).current +=
                        wifi && d.random.nextDouble() < 0.01 ? 1 : 0;
                d.hostSeries("node_network_receive_drop_total", "device", device).current +=
                        wifi && d.random.nextDouble() < 0.05 ? 1 + d.random.nextInt(5) : 0;
                d.hostSeries("node_network_transmit_errs_total", "device", device).current += 0;
                d.hostSeries("node_network_transmit_drop_total", "device", device).current += 0;
                d.hostSeries("node_network_up", "device", device).current = wifi ? 1 : 0;
            }
        }

        /** process-exporter's "claude" group: Claude Code runs while a session is open. */
        void claude(double dt) {
            String[] group = {"groupname", "claude"};
            int procs = d.inSession ? 1 + d.random.nextInt(2) : 0;
            double share = d.inSession ? 0.05 + 0.2 * d.random.nextDouble() : 0;
            d.hostSeries("namedprocess_namegroup_cpu_seconds_total", "groupname", "claude", "mode", "user")
                    .current += dt * share * 0.8;
            d.hostSeries("namedprocess_namegroup_cpu_seconds_total", "groupname", "claude", "mode", "system")
                    .current += dt * share * 0.2;
            d.hostSeries("namedprocess_namegroup_num_procs", group).current = procs;
            d.hostSeries("namedprocess_namegroup_num_threads", group).current = procs * 14;
            double resident = procs * (350e6 + 150e6 * d.random.nextDouble());
            d.hostSeries("namedprocess_namegroup_memory_bytes", "groupname", "claude", "memtype", "resident")
                    .current = Math.rint(resident);
            d.hostSeries("namedprocess_namegroup_memory_bytes", "groupname", "claude", "memtype", "virtual")
                    .current = Math.rint(resident * 30);
            d.hostSeries("namedprocess_namegroup_memory_bytes", "groupname", "claude", "memtype", "swapped")
                    .current = 0;
        }
    }

    /**
     * The subscription's rate-limit windows the status line reports: the five-hour window opens with the first
     * request after the last one closed, the seven-day one resets on a fixed day; both fill with what is spent.
     */
    static final class Quota {
        final Developer d;
        /** USD of requests that fill each window (a plan's allowance, in the same unit as the cost). */
        final double fiveHourAllowance;
        final double sevenDayAllowance;
        final long sevenDayReset;
        double fiveHourSpent;
        long fiveHourReset;
        double sevenDayUsed;
        boolean seen;

        Quota(Developer d) {
            this.d = d;
            this.fiveHourAllowance = 30 + 30 * d.random.nextDouble();
            this.sevenDayAllowance = fiveHourAllowance * 15;
            this.sevenDayReset = d.start + 3600L * (24 + d.random.nextInt(24 * 6));
            this.sevenDayUsed = 0.1 + 0.4 * d.random.nextDouble();
        }

        void spent(double usd) {
            if (d.now >= fiveHourReset) {
                fiveHourReset = d.now + 5 * 3600;
                fiveHourSpent = 0;
            }
            fiveHourSpent += usd;
            sevenDayUsed += usd / sevenDayAllowance;
        }

        /** The gauges exist from the first status line on, and keep their last values while nobody works. */
        void step(boolean active) {
            seen |= active;
            if (!seen) {
                return;
            }
            boolean open = d.now < fiveHourReset;
            d.series("hookmeter_rate_limit_used_ratio", "window", "five_hour").current =
                    open ? Math.min(1, fiveHourSpent / fiveHourAllowance) : 0;
            d.series("hookmeter_rate_limit_resets_at_timestamp_seconds", "window", "five_hour").current =
                    fiveHourReset;
            d.series("hookmeter_rate_limit_used_ratio", "window", "seven_day").current = Math.min(1, sevenDayUsed);
            d.series("hookmeter_rate_limit_resets_at_timestamp_seconds", "window", "seven_day").current =
                    sevenDayReset;
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
