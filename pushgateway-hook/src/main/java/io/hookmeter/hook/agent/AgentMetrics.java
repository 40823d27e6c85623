package io.hookmeter.hook.agent;

import io.hookmeter.hook.state.GaugeFamily;
import io.hookmeter.hook.state.MetricsState;

/** The agent's own series beside the spool's ({@link io.hookmeter.hook.spool.SpoolMetrics}). */
final class AgentMetrics {
    static final String START_TIME = "hookmeter_agent_start_time_seconds";

    private AgentMetrics() {
    }

    static GaugeFamily startTime(MetricsState state) {
        return state.gauge(START_TIME, "When the running hookmeter agent started, Unix seconds.");
    }
}
