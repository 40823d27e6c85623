package io.hookmeter.hook.agent;

import io.hookmeter.hook.cli.Args;
import io.hookmeter.hook.cli.Command;
import io.hookmeter.hook.cli.Context;
import io.hookmeter.hook.cli.UsageException;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.log.HookLog;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code hookmeter agent [run|stop|status]}: {@code agent} alone runs it in the foreground (systemd, launchd,
 * containers); {@code stop} ends a running one (SIGTERM, then SIGKILL after {@value #STOP_WAIT_MILLIS} ms: a killed
 * agent loses nothing, its batch is applied again by the next one); {@code status} exits 0 when one runs, 3 when
 * not. {@code start} is the launcher's: it starts one in the background without a JVM of its own.
 */
public final class AgentCommand implements Command {
    public static final int NOT_RUNNING = 3;
    static final long STOP_WAIT_MILLIS = 10_000;

    @Override
    public int run(List<String> args, Context context) throws UsageException {
        List<String> positional = Args.parse(args).positional();
        String sub = positional.isEmpty() ? "run" : positional.get(0);
        PrintStream out = context.out();
        PrintStream err = context.err();
        HookConfig config = HookConfig.load(context.env());
        HookLog log = new HookLog(config.home(), err);
        if (config.problem() != null) {
            log.accept(config.problem());
        }
        AgentFiles files = new AgentFiles(config.home());
        return switch (sub) {
            case "run" -> new Agent(config, context.env(), log).run(err);
            case "status" -> status(files, out);
            case "stop" -> stop(files, out, err);
            case "start" -> {
                err.println("hookmeter agent start: run it through the launcher (bin/hookmeter agent start)");
                yield 2;
            }
            default -> throw new UsageException("unknown subcommand '" + sub + "'");
        };
    }

    static int status(AgentFiles files, PrintStream out) {
        if (!files.running()) {
            out.println("agent: not running (home " + files.home() + ")");
            return NOT_RUNNING;
        }
        String address = files.address();
        out.println("agent: running, pid " + files.pid() + ", listening on " + address);
        fetchStatus(address).ifPresent(json -> out.println("agent: " + json.strip()));
        return 0;
    }

    /** The running agent's {@code /-/status} JSON, when it answers within a second. */
    public static Optional<String> fetchStatus(String address) {
        if (address == null) {
            return Optional.empty();
        }
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://" + address + "/-/status")).timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static int stop(AgentFiles files, PrintStream out, PrintStream err) {
        if (!files.running()) {
            out.println("agent: not running");
            return 0;
        }
        long pid = files.pid();
        Optional<ProcessHandle> process = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        if (process.isEmpty()) {
            err.println("hookmeter agent stop: an agent holds the lock in " + files.home()
                    + " but its pid file is missing; stop it by hand");
            return 1;
        }
        process.get().destroy();
        long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
        while (files.running() && System.currentTimeMillis() < deadline) {
            sleep(50);
        }
        if (files.running()) {
            process.get().destroyForcibly();
            while (files.running() && System.currentTimeMillis() < deadline + STOP_WAIT_MILLIS) {
                sleep(50);
            }
            out.println("agent: killed pid " + pid + " (it did not stop within " + STOP_WAIT_MILLIS / 1000 + " s)");
        } else {
            out.println("agent: stopped pid " + pid);
        }
        return 0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
