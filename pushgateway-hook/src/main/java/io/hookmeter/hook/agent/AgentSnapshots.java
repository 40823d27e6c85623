package io.hookmeter.hook.agent;

import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.log.HookLog;
import io.hookmeter.hook.push.GroupingKey;
import io.hookmeter.hook.push.TextExposition;
import io.hookmeter.hook.spool.SpoolBatch;
import io.hookmeter.hook.state.CorruptStateException;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.StateStore;
import io.hookmeter.hook.tokens.TokenLedgerJson;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link AgentSnapshot} the HTTP endpoints answer from, taken after every transaction, and again when another
 * process (a push, exec or record without the agent's knowledge) committed the state file.
 */
final class AgentSnapshots {
    private volatile AgentSnapshot current = AgentSnapshot.EMPTY;
    /** The state of the last transaction, for the snapshot taken after its commit (and push). */
    private MetricsState lastState;
    /** The state file's {@link FileStamp} as last seen. */
    private String stateStamp = "";

    AgentSnapshot current() {
        return current;
    }

    /** The state a transaction is committing; its snapshot follows with {@link #take}. */
    void applied(MetricsState state) {
        lastState = state;
    }

    /** Reads the state file again when another process changed it; keeps the last snapshot when it cannot. */
    void refreshIfChanged(HookConfig config, HookLog log) {
        String now = FileStamp.of(config.home().resolve(StateStore.STATE_FILE));
        if (now.equals(stateStamp)) {
            return;
        }
        try {
            lastState = new StateStore(config.home(), log).readOnly();
            take(config, null);
        } catch (IOException | CorruptStateException e) {
            // The next transaction recovers it; keep the last snapshot meanwhile.
        }
    }

    /** A new snapshot of the last state, after {@code batch} (null: no batch ran). */
    void take(HookConfig config, SpoolBatch batch) {
        MetricsState state = lastState;
        if (state == null) {
            return;
        }
        stateStamp = FileStamp.of(config.home().resolve(StateStore.STATE_FILE));
        AgentSnapshot previous = current;
        Map<String, String> group = new LinkedHashMap<>();
        group.put("instance", config.instance());
        group.put("job", GroupingKey.JOB);
        group.put("user", config.user());
        boolean applied = batch != null && batch.consumed() > 0;
        current = new AgentSnapshot(GroupLabels.add(TextExposition.render(state), group),
                state.section(TokenLedgerJson.SECTION),
                applied ? System.currentTimeMillis() : previous.lastBatchMillis(),
                applied ? batch.consumed() : previous.lastBatchSize(),
                batch != null ? batch.remaining() : previous.spoolDepth(),
                state.push().lastSuccessMillis(), state.push().lastError());
    }
}
