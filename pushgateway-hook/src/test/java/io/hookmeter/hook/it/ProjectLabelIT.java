package io.hookmeter.hook.it;

import io.hookmeter.harness.Http;
import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The project label through the real launcher, agent and Pushgateway: events from two git work trees (one a linked
 * worktree, with a {@code .git} file) and from outside any; the tokens of a Stop go to its session's project.
 */
@ExtendWith(RealServers.class)
class ProjectLabelIT {
    private static final String OPUS = "claude-opus-4-5-20251101";
    private static final String DURATION = "hookmeter_tool_duration_seconds";
    private static ManagedProcess pushgateway;
    private static Servers servers;

    @BeforeAll
    static void start(Servers shared) {
        servers = shared;
        pushgateway = shared.pushgateway(HookRuns.IN_MEMORY);
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String call(String tool, String outcome, int millis, Path cwd) {
        String event = outcome.equals("success") ? "PostToolUse" : "PostToolUseFailure";
        return "{\"session_id\":\"s1\",\"hook_event_name\":\"" + event + "\",\"tool_name\":\"" + tool + "\","
                + "\"tool_use_id\":\"t" + millis + "\",\"duration_ms\":" + millis
                + (outcome.equals("success") ? "" : ",\"error\":\"Exit code 1\"")
                + (cwd == null ? "" : ",\"cwd\":\"" + json(cwd.toString()) + "\"") + "}";
    }

    @Test
    void callsAndTokensCarryTheirGitProjectAndTheRestStaysAsItWas() throws IOException {
        Path work = servers.directory("project-work");
        Path shop = Files.createDirectories(work.resolve("shop/.git")).getParent();
        Path billing = Files.createDirectories(work.resolve("billing-wt"));
        Files.writeString(billing.resolve(".git"), "gitdir: " + shop + "/.git/worktrees/billing-wt\n");
        Path plain = Files.createDirectories(work.resolve("notes"));
        Path transcript = copyTranscript(work.resolve("s1.jsonl"));

        HookRuns runs = new HookRuns(servers, pushgateway.url(), "project-it");
        runs.hook(call("Read", "success", 20, Files.createDirectories(shop.resolve("src/main"))));
        runs.hook(call("Read", "success", 30, shop));
        runs.hook(call("Bash", "error", 1200, billing));
        runs.hook(call("Read", "success", 40, plain));
        runs.hook(call("Read", "success", 50, null));
        runs.hook("{\"session_id\":\"s1\",\"hook_event_name\":\"Stop\",\"stop_hook_active\":false,"
                + "\"transcript_path\":\"" + json(transcript.toString()) + "\",\"cwd\":\"" + json(shop.toString())
                + "\"}");

        Scrape scrape = runs.pushed();
        String all = scrape.toString();
        assertEquals(2, scrape.value(DURATION + "_count", "tool", "Read", "outcome", "success", "agent", "main",
                "project", "shop"), all);
        assertEquals(0.05, scrape.value(DURATION + "_sum", "tool", "Read", "outcome", "success", "agent", "main",
                "project", "shop"), 1e-9, all);
        assertEquals(0, scrape.value(DURATION + "_count", "tool", "Read", "outcome", "error", "agent", "main",
                "project", "shop"), all);
        assertEquals(1, scrape.value(DURATION + "_count", "tool", "Bash", "outcome", "error", "agent", "main",
                "project", "billing-wt"), all);
        assertEquals(2, scrape.value(DURATION + "_count", "tool", "Read", "outcome", "success", "agent", "main"),
                "outside a work tree and without a cwd: no project label at all: " + all);
        assertNull(scrape.value(DURATION + "_count", "tool", "Read", "outcome", "success", "agent", "main",
                "project", "notes"), all);
        assertEquals(105, scrape.value("hookmeter_tokens_total", "model", OPUS, "type", "input", "project", "shop"),
                all);
        assertEquals(2, scrape.value("hookmeter_api_requests_total", "model", OPUS, "project", "shop"), all);
        assertEquals(0.002525, scrape.value("hookmeter_cost_usd_total", "model", OPUS, "project", "shop"), 1e-12,
                all);
        assertNotNull(scrape.value("hookmeter_tool_last_call_timestamp_seconds", "tool", "Read"),
                "the last call stays per tool: " + all);
    }

    @Test
    void withoutAGitCwdOrSwitchedOffNoSeriesHasAProjectLabel() throws IOException {
        Path work = servers.directory("project-off");
        Path repo = Files.createDirectories(work.resolve("shop/.git")).getParent();
        Path plain = Files.createDirectories(work.resolve("plain"));
        HookRuns none = new HookRuns(servers, pushgateway.url(), "project-none");
        none.hook(call("Read", "success", 20, plain));
        none.hook(call("Bash", "error", 30, null));
        HookRuns off = new HookRuns(servers, pushgateway.url(), "project-off").config("project.enabled=false\n");
        off.hook(call("Read", "success", 20, repo));
        for (HookRuns runs : new HookRuns[] {none, off}) {
            Scrape scrape = runs.pushed();
            assertTrue(scrape.value(DURATION + "_count", "tool", "Read", "outcome", "success", "agent", "main")
                    != null, scrape.toString());
            scrape.all().forEach(sample -> assertFalse(sample.labels().containsKey("project"), sample.toString()));
        }
        String group = Http.getOk(pushgateway.url() + "/metrics");
        assertFalse(group.contains("project=\"\""), "never an empty project label");
    }

    private static Path copyTranscript(Path target) throws IOException {
        try (InputStream in = ProjectLabelIT.class.getResourceAsStream("/transcripts/main.jsonl")) {
            return Files.write(target, in.readAllBytes());
        }
    }
}
