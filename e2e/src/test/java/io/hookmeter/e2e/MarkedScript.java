package io.hookmeter.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookmeter.e2e.FakeAnthropic.Block;
import io.hookmeter.e2e.FakeAnthropic.Reply;
import io.hookmeter.e2e.FakeAnthropic.Request;
import io.hookmeter.e2e.FakeAnthropic.ToolUse;
import io.hookmeter.e2e.FakeAnthropic.Usage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A script of replies per prompt. Each prompt carries a marker; a request is answered from the script of the marker
 * in its latest prompt, at the step given by how many of our answers follow that prompt, so replies do not depend on
 * timing or on which thread of the client asks. Requests without a marker (the client's side requests) get a short
 * text, which never reaches the transcript.
 */
abstract class MarkedScript implements FakeAnthropic.Script {
    static final String TASK_NOTIFICATION = "<task-notification>";

    private final Map<String, List<Reply>> scripts = new LinkedHashMap<>();
    /** Every reply given to a marked prompt, in order: what the transcript holds. */
    private final List<Reply> given = new ArrayList<>();

    /** Adds the replies for the prompt that carries {@code marker}. */
    protected final void prompt(String marker, Reply... replies) {
        scripts.put(marker, List.of(replies));
    }

    /** Called before the reply of {@code step} of {@code marker} goes out; may wait. */
    protected void beforeReply(String marker, int step) throws InterruptedException {
    }

    /** The reply to the prompt the client submitted by itself when a background task finished. */
    protected Reply notificationReply() {
        return Reply.text("Noted.", Usage.SMALL);
    }

    @Override
    public final Reply reply(Request request) throws InterruptedException {
        String marker = null;
        int at = -1;
        for (String candidate : scripts.keySet()) {
            int index = request.lastPromptWith(candidate);
            if (index > at) {
                at = index;
                marker = candidate;
            }
        }
        Reply reply;
        int notification = request.lastPromptWith(TASK_NOTIFICATION);
        if (marker != null && notification > at && request.answersAfter(notification) == 0) {
            reply = notificationReply();
        } else if (marker == null) {
            return Reply.text("ok", Usage.SMALL);
        } else {
            int step = request.answersAfter(at);
            List<Reply> script = scripts.get(marker);
            beforeReply(marker, step);
            reply = step < script.size() ? script.get(step) : Reply.text("Nothing more.", Usage.SMALL);
        }
        synchronized (given) {
            given.add(reply);
        }
        return reply;
    }

    /** The usage of every reply given to a marked prompt so far. */
    final List<Usage> usages() {
        synchronized (given) {
            return given.stream().map(Reply::usage).toList();
        }
    }

    static Reply step(Usage usage, Block... blocks) {
        return new Reply(List.of(blocks), usage);
    }

    static ToolUse bash(String id, String command) {
        return tool(id, "Bash", "command", command, "description", "e2e step " + id);
    }

    static ToolUse tool(String id, String name, Object... fields) {
        ObjectNode input = FakeAnthropic.JSON.createObjectNode();
        for (int i = 0; i < fields.length; i += 2) {
            input.set((String) fields[i], FakeAnthropic.JSON.valueToTree(fields[i + 1]));
        }
        return new ToolUse("toolu_e2e_" + id, name, input);
    }
}
