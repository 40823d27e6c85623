package io.hookmeter.hook.agent;

import io.hookmeter.hook.Main;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.state.StateJson;

/** {@code GET /-/status}: what {@code hookmeter doctor} and {@code agent status} show about a running agent. */
final class AgentStatus {
    private AgentStatus() {
    }

    static String json(Agent agent, HookConfig config) {
        AgentSnapshot snapshot = agent.snapshot();
        return StateJson.write(gen -> {
            gen.writeStartObject();
            gen.writeNumberField("pid", ProcessHandle.current().pid());
            gen.writeStringField("version", Main.version());
            gen.writeStringField("home", config.home().toString());
            gen.writeNumberField("start_time_ms", agent.startMillis());
            gen.writeNumberField("last_batch_ms", snapshot.lastBatchMillis());
            gen.writeNumberField("last_batch_events", snapshot.lastBatchSize());
            gen.writeNumberField("spool_depth", snapshot.spoolDepth());
            gen.writeNumberField("last_push_ms", snapshot.lastPushMillis());
            gen.writeStringField("last_push_error", snapshot.lastPushError());
            gen.writeEndObject();
        }) + "\n";
    }
}
