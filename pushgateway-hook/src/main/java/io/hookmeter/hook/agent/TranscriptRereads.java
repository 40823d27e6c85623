package io.hookmeter.hook.agent;

import io.hookmeter.hook.claude.EventContext;
import io.hookmeter.hook.claude.HookEvent;
import io.hookmeter.hook.log.HookLog;
import io.hookmeter.hook.push.StateUpdate;
import io.hookmeter.hook.spool.SpoolBatch;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The second reading of a session's transcript, a few seconds after its Stop (or a subagent's after its
 * SubagentStop): Claude Code may still be writing the last lines when the event arrives.
 */
final class TranscriptRereads {
    private record Reread(HookEvent event, long dueMillis) {
    }

    /** Transcripts to read once more, by path, with when. */
    private final Map<String, Reread> rereads = new LinkedHashMap<>();

    /** Schedules the transcripts of the batch's Stop and SubagentStop events; a later Stop replaces an earlier. */
    void schedule(SpoolBatch batch, AgentSettings settings) {
        if (settings.tokens() == null || settings.rereadMillis() == 0) {
            return;
        }
        long due = System.currentTimeMillis() + settings.rereadMillis();
        synchronized (rereads) {
            for (HookEvent event : batch.events()) {
                if (("Stop".equals(event.name()) && event.transcriptPath() != null)
                        || ("SubagentStop".equals(event.name()) && event.agentTranscriptPath() != null)) {
                    String key = "Stop".equals(event.name()) ? event.transcriptPath() : event.agentTranscriptPath();
                    rereads.remove(key);
                    rereads.put(key, new Reread(event, due));
                }
            }
        }
    }

    /** {@code wait}, shortened to when the next reading is due. */
    long shortenWait(long now, long wait) {
        synchronized (rereads) {
            for (Reread reread : rereads.values()) {
                wait = Math.min(wait, Math.max(1, reread.dueMillis() - now));
            }
        }
        return wait;
    }

    /** Reads the transcripts that are due, in one transaction; true when there were any. */
    boolean readDue(long now, AgentSettings settings, HookLog log) throws IOException {
        Map<String, Reread> due = new LinkedHashMap<>();
        synchronized (rereads) {
            rereads.entrySet().removeIf(entry -> {
                if (entry.getValue().dueMillis() <= now) {
                    due.put(entry.getKey(), entry.getValue());
                    return true;
                }
                return false;
            });
        }
        if (due.isEmpty()) {
            return false;
        }
        new StateUpdate(settings.config(), log).run(state -> {
            for (Reread reread : due.values()) {
                try {
                    settings.tokens().onEvent(reread.event(), state,
                            new EventContext(settings.config(), log, now, () -> Long.MAX_VALUE));
                } catch (IOException e) {
                    log.accept("transcript re-read failed: " + e.getMessage());
                }
            }
        }, StateUpdate.PushMode.NONE, StateUpdate.pushBudget(settings.config()));
        return true;
    }
}
