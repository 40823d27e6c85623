package io.hookmeter.hook.claude;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hookmeter.hook.state.MetricsState;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Tool calls that started (PreToolUse) and have not finished yet, by {@code tool_use_id}, kept in the state section
 * {@value #SECTION}. They give a Post without {@code duration_ms} its duration, and they find the calls that never
 * get a Post: refused ones (a PostToolBatch lists them with the refusal as their response, or a PermissionRequest
 * asked a person and nothing followed: the dialog's "No" or Escape) and interrupted ones (nothing at all followed).
 *
 * <p>Hooks may be applied out of order (parallel async hooks), so nothing is decided on one event: a PostToolBatch
 * only marks a still-open call as refused, and a turn boundary only marks the open calls of its scope as ended. A call
 * is settled (returned to be counted) at the next boundary of its scope after it was marked, or at its session's end;
 * a Post that arrives late in between still wins. Every Post leaves a short-lived done mark, so a PostToolBatch or a
 * PreToolUse applied after it does not take the call for unfinished; a PostToolBatch or PermissionRequest applied
 * before the call's PreToolUse is remembered until the start comes.
 *
 * <p>Bounded: at most {@value #MAX} entries; open calls older than {@link #EXPIRY_MS} and marks older than
 * {@link #MARK_EXPIRY_MS} are dropped. Dropped open calls are returned by {@link #save} to be counted: nothing goes
 * silently.
 */
final class PendingStarts {
    static final String SECTION = "pending_tool_starts";
    static final long EXPIRY_MS = 3_600_000;
    /** Marks (done, ask) live a short time: they only bridge hooks applied out of order. */
    static final long MARK_EXPIRY_MS = 120_000;
    static final int MAX = 2000;

    /**
     * One open call.
     *
     * @param millis    when it started (or, for a done mark, when it finished)
     * @param session   its session_id (scope of session end), or null
     * @param agentId   its agent_id inside a subagent, else null (the main thread)
     * @param agent     its {@code agent} label
     * @param tool      its tool name
     * @param input     {@link #inputKey} of its command, to match a PermissionRequest (which has no tool_use_id)
     * @param refusedBy who refused it (a PostToolBatch listed it without a Post), else null
     * @param asked     a PermissionRequest came for it: a person was asked (or nobody could be)
     * @param ended     a boundary of its scope has passed since it started
     * @param kind      an open call, or a mark
     */
    record Start(long millis, String session, String agentId, String agent, String tool, String input,
                 String refusedBy, boolean asked, boolean ended, Kind kind) {
        /** A fresh open call. */
        static Start open(long millis, String session, String agentId, String agent, String tool, String input) {
            return new Start(millis, session, agentId, agent, tool, input, null, false, false, Kind.OPEN);
        }

        static Start doneMark(long millis) {
            return new Start(millis, null, null, "main", "unknown", null, null, false, false, Kind.DONE);
        }

        Start withRefusal(String by) {
            return new Start(millis, session, agentId, agent, tool, input, by, asked, ended, kind);
        }

        Start asAsked() {
            return new Start(millis, session, agentId, agent, tool, input, refusedBy, true, ended, kind);
        }

        Start asEnded() {
            return new Start(millis, session, agentId, agent, tool, input, refusedBy, asked, true, kind);
        }

        Start asAskMark() {
            return new Start(millis, session, agentId, agent, tool, input, null, true, false, Kind.ASK);
        }

        boolean open() {
            return kind == Kind.OPEN;
        }

        /** Same thread, tool and command: what a PermissionRequest is matched on. */
        boolean sameCall(Start other) {
            return same(session, other.session) && same(agentId, other.agentId) && same(tool, other.tool)
                    && same(input, other.input);
        }
    }

    /**
     * An open call (possibly known only from a PostToolBatch so far), or a mark: {@code DONE}, the call finished (a
     * PostToolBatch or a late PreToolUse applied after it is ignored); {@code ASK}, a PermissionRequest that came
     * before its PreToolUse was applied.
     */
    enum Kind { OPEN, DONE, ASK }

    /** A short key of a tool call's command (not the command: the state file holds no command lines). */
    static String inputKey(String command) {
        return command == null ? null : Integer.toHexString(command.hashCode());
    }

    private final Map<String, Start> starts;

    private PendingStarts(Map<String, Start> starts) {
        this.starts = starts;
    }

    /** The pending starts, or an empty set when the section is missing or unreadable. */
    static PendingStarts load(MetricsState state) {
        return new PendingStarts(IdSections.read(state, SECTION, PendingStarts::readStart));
    }

    private static Start readStart(JsonParser p, JsonToken first) throws IOException {
        if (first == JsonToken.VALUE_NUMBER_INT) {
            // The layout before entries had fields: a bare start time.
            return Start.open(p.getLongValue(), null, null, "main", "unknown", null);
        }
        if (first != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        long millis = 0;
        String session = null;
        String agentId = null;
        String agent = "main";
        String tool = "unknown";
        String input = null;
        String refusedBy = null;
        boolean asked = false;
        boolean ended = false;
        Kind kind = Kind.OPEN;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "t" -> millis = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : 0;
                case "s" -> session = IdSections.text(p, value);
                case "a" -> agentId = IdSections.text(p, value);
                case "g" -> agent = orElse(IdSections.text(p, value), agent);
                case "n" -> tool = orElse(IdSections.text(p, value), tool);
                case "c" -> input = IdSections.text(p, value);
                case "r" -> refusedBy = IdSections.text(p, value);
                case "q" -> asked = value == JsonToken.VALUE_TRUE;
                case "e" -> ended = value == JsonToken.VALUE_TRUE;
                case "d" -> kind = value == JsonToken.VALUE_TRUE ? Kind.DONE : kind;
                case "k" -> kind = "ask".equals(IdSections.text(p, value)) ? Kind.ASK : kind;
                default -> p.skipChildren();
            }
        }
        return new Start(millis, session, agentId, agent, tool, input, refusedBy, asked, ended, kind);
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /**
     * Remembers a start. A call that already finished (a done mark) is left alone; what a PostToolBatch or a
     * PermissionRequest applied before it said about the call is kept.
     */
    void add(String toolUseId, Start start) {
        Start existing = starts.remove(toolUseId);
        if (existing != null && existing.kind() == Kind.DONE) {
            starts.put(toolUseId, existing);
            return;
        }
        Start merged = start;
        if (existing != null) {
            merged = new Start(start.millis(), start.session(), start.agentId(), start.agent(), start.tool(),
                    start.input(), existing.refusedBy(), existing.asked(), existing.ended(), Kind.OPEN);
        }
        String ask = null;
        for (Map.Entry<String, Start> entry : starts.entrySet()) {
            if (entry.getValue().kind() == Kind.ASK && entry.getValue().sameCall(merged)) {
                ask = entry.getKey();
            }
        }
        if (ask != null) {
            starts.remove(ask);
            merged = merged.asAsked();
        }
        starts.put(toolUseId, merged);
    }

    /** Removes and returns the start of this call (null when unknown), leaving a done mark in its place. */
    Start finish(String toolUseId, long nowMillis) {
        Start start = starts.remove(toolUseId);
        starts.put(toolUseId, Start.doneMark(nowMillis));
        return start == null || start.kind() != Kind.OPEN ? null : start;
    }

    /**
     * A PostToolBatch listed this call without its Post having been applied: it is marked refused by {@code by}.
     * An unknown call (its PreToolUse not applied yet) is remembered from {@code seen}, the batch's view of it.
     */
    void refuse(String toolUseId, String by, Start seen) {
        Start start = starts.get(toolUseId);
        if (start == null) {
            starts.put(toolUseId, seen.withRefusal(by));
        } else if (start.open()) {
            starts.put(toolUseId, start.withRefusal(by));
        }
    }

    /**
     * A PermissionRequest (it has no tool_use_id): marks the latest open, not yet asked call of that thread with the
     * same tool and command as asked; when there is none yet (its PreToolUse not applied), an ask mark waits for it.
     */
    void ask(Start request) {
        String match = null;
        for (Map.Entry<String, Start> entry : starts.entrySet()) {
            Start start = entry.getValue();
            if (start.open() && !start.asked() && start.sameCall(request)) {
                match = entry.getKey();
            }
        }
        if (match != null) {
            starts.put(match, starts.get(match).asAsked());
        } else {
            int n = 0;
            while (starts.containsKey("ask:" + request.millis() + ":" + n)) {
                n++;
            }
            starts.put("ask:" + request.millis() + ":" + n, request.asAskMark());
        }
    }

    /**
     * A boundary of one thread of a session (a main-thread turn, or a subagent's stop): settles and returns the open
     * calls of that thread already marked ended, and marks the others ended.
     *
     * @param agentId the subagent's agent_id, or null for the main thread
     */
    List<Start> endTurn(String session, String agentId) {
        return settle(start -> same(start.session(), session) && same(start.agentId(), agentId), false);
    }

    /** The session ended: settles and returns every open call of it; its ask marks go (they are no calls). */
    List<Start> endSession(String session) {
        starts.values().removeIf(start -> start.kind() == Kind.ASK && same(start.session(), session));
        return settle(start -> same(start.session(), session), true);
    }

    private List<Start> settle(Predicate<Start> scope, boolean all) {
        List<Start> settled = new ArrayList<>();
        for (Iterator<Map.Entry<String, Start>> it = starts.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Start> entry = it.next();
            Start start = entry.getValue();
            if (!start.open() || !scope.test(start)) {
                continue;
            }
            if (all || start.ended()) {
                settled.add(start);
                it.remove();
            } else {
                entry.setValue(start.asEnded());
            }
        }
        return settled;
    }

    static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    /** Saves the section; returns the open calls dropped for age or for the bound, which the caller must count. */
    List<Start> save(MetricsState state, long nowMillis) {
        List<Start> dropped = new ArrayList<>();
        Iterator<Map.Entry<String, Start>> it = starts.entrySet().iterator();
        int excess = starts.size() - MAX;
        while (it.hasNext()) {
            Start start = it.next().getValue();
            long age = nowMillis - start.millis();
            if (excess-- > 0 || age > (start.open() ? EXPIRY_MS : MARK_EXPIRY_MS)) {
                it.remove();
                if (start.open()) {
                    dropped.add(start);
                }
            }
        }
        IdSections.write(state, SECTION, starts, PendingStarts::write);
        return dropped;
    }

    private static void write(JsonGenerator gen, Start start) throws IOException {
        gen.writeNumberField("t", start.millis());
        if (start.kind() == Kind.DONE) {
            gen.writeBooleanField("d", true);
            return;
        }
        if (start.kind() == Kind.ASK) {
            gen.writeStringField("k", "ask");
        }
        writeText(gen, "s", start.session());
        writeText(gen, "a", start.agentId());
        gen.writeStringField("g", start.agent());
        gen.writeStringField("n", start.tool());
        writeText(gen, "c", start.input());
        writeText(gen, "r", start.refusedBy());
        if (start.asked()) {
            gen.writeBooleanField("q", true);
        }
        if (start.ended()) {
            gen.writeBooleanField("e", true);
        }
    }

    private static void writeText(JsonGenerator gen, String field, String value) throws IOException {
        if (value != null) {
            gen.writeStringField(field, value);
        }
    }
}
