package io.hookmeter.hook.agent;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hookmeter.hook.alerts.AlertSummary;
import io.hookmeter.hook.alerts.AlertSummaryCache;
import io.hookmeter.hook.alerts.AlertmanagerClient;
import io.hookmeter.hook.alerts.FiringAlertsProbe;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.state.StateJson;
import io.hookmeter.hook.statusline.StatusInput;
import io.hookmeter.hook.statusline.StatusLineRenderer;
import io.hookmeter.hook.tokens.TokenLedgerJson;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /statusline}: the same line {@code hookmeter statusline} always printed, rendered by the agent from
 * what it holds in memory: today's cost from the last snapshot, firing alerts from a summary refreshed in the
 * background every {@value AlertSummaryCache#TTL_MILLIS} ms. So a status line never waits for Alertmanager. The
 * query carries what only the caller's environment knows: {@code color=0|1} (NO_COLOR) and {@code columns=N}.
 */
final class StatusLineEndpoint {
    /** The background refresh may wait longer than a status line run could. */
    static final long ALERTS_BUDGET_MILLIS = 2000;

    private final Agent agent;
    private volatile AlertSummary alerts = AlertSummary.unreachable("not asked yet", System.currentTimeMillis());

    StatusLineEndpoint(Agent agent, HookConfig config) {
        this.agent = agent;
        FiringAlertsProbe probe = new FiringAlertsProbe(AlertmanagerClient.fromEnvironment(agent.env()),
                new AlertSummaryCache(config.home()), ALERTS_BUDGET_MILLIS, System::currentTimeMillis);
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "agent-alerts");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                alerts = probe.summary();
            } catch (RuntimeException e) {
                alerts = AlertSummary.unreachable(e.getMessage(), System.currentTimeMillis());
            }
        }, 0, AlertSummaryCache.TTL_MILLIS, TimeUnit.MILLISECONDS);
    }

    String render(byte[] body, String query) {
        boolean color = true;
        int columns = 0;
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.equals("color=0")) {
                    color = false;
                } else if (pair.startsWith("columns=")) {
                    try {
                        columns = Math.max(0, Integer.parseInt(pair.substring(8)));
                    } catch (NumberFormatException ignored) {
                        // no width limit
                    }
                }
            }
        }
        try {
            StatusInput input = StatusInput.parse(body);
            agent.statusSeen(input, System.currentTimeMillis());
            return new StatusLineRenderer(color, columns).render(input,
                    todayCost(agent.snapshot().tokenSection(), System.currentTimeMillis()), alerts);
        } catch (RuntimeException e) {
            return "hookmeter"; // never a stack trace, never an empty line
        }
    }

    static BigDecimal todayCost(String tokenSection, long nowMillis) {
        if (tokenSection == null) {
            return null;
        }
        try (JsonParser parser = StateJson.parser(tokenSection)) {
            return parser.nextToken() == JsonToken.START_OBJECT ? TokenLedgerJson.readCostAt(parser, nowMillis) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
