package io.hookmeter.hook.tokens;

import io.hookmeter.hook.claude.EventContext;
import io.hookmeter.hook.claude.EventListener;
import io.hookmeter.hook.claude.HookEvent;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.project.ProjectLabel;
import io.hookmeter.hook.state.MetricsState;
import io.hookmeter.hook.state.SelfMetrics;
import io.hookmeter.hook.state.StateJson;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Token accounting inside the hook's state update: on Stop (the session's transcript), SubagentStop (the
 * subagent's transcript) and SessionEnd (the session's transcript and every subagent transcript next to it), the
 * new lines become counters, and the ledger (offsets, dedup set, today's cost) goes into the same state write.
 */
public final class TokenListener implements EventListener {
    /** Below this much time left before the hook's deadline, reading waits for the next event (nothing is lost). */
    static final long MIN_REMAINING_MILLIS = 300;

    private final HookConfig config;
    private PriceTable prices;

    /** Prices come from the bundled table and the config's {@code price.*} keys, loaded on first need. */
    public TokenListener(HookConfig config) {
        this.config = config;
    }

    TokenListener(PriceTable prices) {
        this.config = null;
        this.prices = prices;
    }

    @Override
    public void onEvent(HookEvent event, MetricsState state, EventContext context) throws IOException {
        List<Path> transcripts = transcripts(event);
        if (transcripts.isEmpty()) {
            return;
        }
        if (context.remainingMillis().getAsLong() < MIN_REMAINING_MILLIS) {
            context.log().accept("transcript reading postponed: too close to the hook deadline");
            return;
        }
        TokenLedger ledger = ledger(state, context);
        String session = event.sessionId() == null || event.sessionId().isBlank() ? "unknown" : event.sessionId();
        if (prices == null) {
            prices = PriceConfig.load(config, context.log());
        }
        TranscriptAccounting.Outcome outcome = new TranscriptAccounting(prices).account(ledger, session, transcripts,
                subagentTypes(event, transcripts), System.currentTimeMillis(),
                config == null ? ZoneOffset.UTC : config.dayZone());
        for (String problem : outcome.unreadable()) {
            context.log().accept("cannot read transcript " + problem);
        }
        // The session's project is that of the event's cwd: a Stop, SubagentStop or SessionEnd of the session.
        String project = outcome.delta().byModel().isEmpty() ? ProjectLabel.NONE
                : ProjectLabel.of(context.config()).value(event.cwd(), state);
        TokenMetrics.add(state, outcome.delta(), project);
        outcome.bySubagent().forEach((agentType, delta) -> TokenMetrics.addSubagent(state, agentType, delta));
        state.putSection(TokenLedgerJson.SECTION, StateJson.write(out -> TokenLedgerJson.write(out, ledger)));
    }

    private static TokenLedger ledger(MetricsState state, EventContext context) {
        String section = state.section(TokenLedgerJson.SECTION);
        if (section == null) {
            return new TokenLedger();
        }
        try {
            return TokenLedgerJson.fromJson(section);
        } catch (IOException | RuntimeException e) {
            // Never happens with our own atomic writes; if it does, start over and say so.
            context.log().accept("token ledger unreadable (" + e.getMessage() + "); starting a new one");
            SelfMetrics.recoveries(state).inc();
            return new TokenLedger();
        }
    }

    /**
     * For {@code hookmeter warmup}: writes a one-response transcript under {@code dir} and returns a Stop event
     * that reads it, so the transcript path's classes go into the start-up cache.
     */
    public static String warmupEvent(Path dir) throws IOException {
        Path transcript = dir.resolve("warmup-transcript.jsonl");
        Files.writeString(transcript, "{\"type\":\"assistant\",\"isSidechain\":false,\"requestId\":\"req_w\","
                + "\"message\":{\"id\":\"msg_w\",\"model\":\"claude-opus-4-5\",\"content\":[],\"usage\":"
                + "{\"input_tokens\":1,\"output_tokens\":1,\"cache_creation\":{\"ephemeral_5m_input_tokens\":0}}}}\n");
        return StateJson.write(out -> {
            out.writeStartObject();
            out.writeStringField("session_id", "warmup");
            out.writeStringField("hook_event_name", "Stop");
            out.writeStringField("transcript_path", transcript.toString());
            out.writeEndObject();
        });
    }

    /** Which transcripts an event asks to read; empty for every other event (the PostToolUse hot path). */
    static List<Path> transcripts(HookEvent event) {
        List<Path> paths = new ArrayList<>();
        switch (event.name()) {
            case "Stop" -> add(paths, event.transcriptPath());
            case "SubagentStop" -> add(paths, event.agentTranscriptPath());
            case "SessionEnd" -> {
                add(paths, event.transcriptPath());
                if (!paths.isEmpty()) {
                    paths.addAll(subagentTranscripts(paths.get(0)));
                }
            }
            default -> {
                // nothing to read
            }
        }
        return paths;
    }

    /**
     * Which of the transcripts are a subagent's, and its agent type: SubagentStop names its transcript and type;
     * the subagent transcripts SessionEnd finds next to the session's have no type on record ({@code subagent}).
     */
    static Map<Path, String> subagentTypes(HookEvent event, List<Path> transcripts) {
        Map<Path, String> types = new HashMap<>();
        if ("SubagentStop".equals(event.name())) {
            transcripts.forEach(path -> types.put(path, event.agent().equals("main") ? "subagent" : event.agent()));
        } else if ("SessionEnd".equals(event.name())) {
            transcripts.stream().skip(1).forEach(path -> types.put(path, "subagent"));
        }
        return types;
    }

    /** {@code <dir>/<session>.jsonl} keeps its subagents in {@code <dir>/<session>/subagents/*.jsonl}. */
    static List<Path> subagentTranscripts(Path transcript) {
        String name = transcript.getFileName().toString();
        Path folder = transcript.resolveSibling(name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name)
                .resolve("subagents");
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.jsonl")) {
                files.forEach(found::add);
            } catch (IOException ignored) {
                // subagents are read on their own SubagentStop as well
            }
        }
        found.sort(null);
        return found;
    }

    private static void add(List<Path> paths, String path) {
        if (path != null && !path.isBlank()) {
            paths.add(Path.of(path));
        }
    }
}
