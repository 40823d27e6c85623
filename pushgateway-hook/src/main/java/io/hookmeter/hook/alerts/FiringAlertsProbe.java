package io.hookmeter.hook.alerts;

import java.net.SocketTimeoutException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The firing-alert summary for the status line: from the cache when it is fresh, otherwise asked of Alertmanager
 * within a hard time budget. The request runs on a daemon thread and is abandoned at the budget, because connect
 * and read timeouts alone do not bound a server that trickles bytes.
 */
public final class FiringAlertsProbe {
    /** At most this long is spent asking Alertmanager per status line run. */
    public static final long BUDGET_MILLIS = 150;

    private final AlertmanagerClient client;
    private final AlertSummaryCache cache;
    private final long budgetMillis;
    private final LongSupplier clock;

    public FiringAlertsProbe(AlertmanagerClient client, AlertSummaryCache cache, long budgetMillis,
                             LongSupplier clock) {
        this.client = client;
        this.cache = cache;
        this.budgetMillis = budgetMillis;
        this.clock = clock;
    }

    public AlertSummary summary() {
        AlertSummary cached = cache.fresh(clock.getAsLong());
        if (cached != null) {
            return cached;
        }
        AlertSummary asked = ask();
        cache.write(asked);
        return asked;
    }

    private AlertSummary noAnswer(long started) {
        return AlertSummary.unreachable("no answer from " + client.baseUrl() + " within " + budgetMillis + " ms",
                started);
    }

    private AlertSummary ask() {
        long started = clock.getAsLong();
        FutureTask<AlertSummary> request = new FutureTask<>(new Callable<>() { // no lambda: start-up cost
            @Override
            public AlertSummary call() throws Exception {
                return AlertSummary.of(client.firing((int) budgetMillis), started);
            }
        });
        Thread thread = new Thread(request, "alertmanager");
        thread.setDaemon(true); // abandoned at the budget; the process exits without waiting for it
        thread.start();
        try {
            return request.get(budgetMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            request.cancel(true);
            return noAnswer(started);
        } catch (ExecutionException e) {
            // The socket's own timeout may win the race against the budget: the same outcome, the same words.
            return e.getCause() instanceof SocketTimeoutException ? noAnswer(started)
                    : AlertSummary.unreachable(String.valueOf(e.getCause().getMessage()), started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AlertSummary.unreachable("interrupted", started);
        }
    }
}
