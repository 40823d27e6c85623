package io.hookmeter.hook.statusline;

import io.hookmeter.hook.alerts.AlertSummary;
import io.hookmeter.hook.alerts.AlertSummaryCache;
import io.hookmeter.hook.alerts.AlertmanagerClient;
import io.hookmeter.hook.alerts.FiringAlertsProbe;
import io.hookmeter.hook.cli.Command;
import io.hookmeter.hook.cli.Context;
import io.hookmeter.hook.config.HookConfig;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code hookmeter statusline}: reads Claude Code's status-line JSON on stdin and prints exactly one line, whatever
 * happens; the caller exits 0. Firing alerts come from the 10 s cache, or from Alertmanager within 150 ms.
 */
public final class StatusLineCommand implements Command {
    /** Claude Code's status JSON is a few KB; more than this is not a status line input. */
    static final int MAX_INPUT = 1 << 20;

    /** One UTF-8 line on stdout; always returns 0. */
    @Override
    public int run(List<String> args, Context context) {
        Path home;
        try {
            home = HookConfig.load(context.env()).home();
        } catch (RuntimeException | Error e) {
            home = Path.of(System.getProperty("java.io.tmpdir"), ".hookmeter-statusline");
        }
        print(home, context.env(), context.in(), context.out());
        return 0;
    }

    /** One status line run into nowhere, for {@code hookmeter warmup}: its classes go into the start-up cache. */
    public static void warmup(Path home, Map<String, String> env) {
        byte[] sample = ("{\"model\":{\"id\":\"claude-opus-4-5\",\"display_name\":\"Opus 4.5\"},"
                + "\"cost\":{\"total_cost_usd\":0.5},\"context_window\":{\"used_percentage\":40.5}}")
                .getBytes(StandardCharsets.UTF_8);
        print(home, env, new ByteArrayInputStream(sample), new PrintStream(OutputStream.nullOutputStream()));
    }

    /** Writes the line as UTF-8 bytes, whatever the stream's own encoding. */
    private static void print(Path home, Map<String, String> env, InputStream stdin, PrintStream out) {
        String line;
        try {
            line = render(home, env, stdin);
        } catch (RuntimeException | Error e) {
            line = "hookmeter"; // never a stack trace, never an empty status line
        }
        byte[] bytes = (line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        out.flush();
    }

    private static String render(Path home, Map<String, String> env, InputStream stdin) {
        StatusInput input = StatusInput.parse(readInput(stdin));
        BigDecimal today = TodayCost.read(home, System.currentTimeMillis());
        // Anonymous class, not a lambda: the first lambda of a JVM costs milliseconds of start-up.
        FiringAlertsProbe probe = new FiringAlertsProbe(AlertmanagerClient.fromEnvironment(env),
                new AlertSummaryCache(home), FiringAlertsProbe.BUDGET_MILLIS, new LongSupplier() {
                    @Override
                    public long getAsLong() {
                        return System.currentTimeMillis();
                    }
                });
        // From the cache when fresh; otherwise asked within the probe's own budget. Either way an answer.
        AlertSummary alerts = probe.summary();
        return new StatusLineRenderer(useColor(env), columns(env)).render(input, today, alerts);
    }

    private static byte[] readInput(InputStream stdin) {
        try {
            return stdin.readNBytes(MAX_INPUT);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** https://no-color.org: a NO_COLOR that is present and not empty turns colour off. */
    static boolean useColor(Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return noColor == null || noColor.isEmpty();
    }

    /** The width to fit from COLUMNS; 0 (no limit) when unset or not a positive number. */
    static int columns(Map<String, String> env) {
        String columns = env.get("COLUMNS");
        if (columns == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(columns.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
