package io.hookmeter.stack.compose;

import io.hookmeter.harness.CommandResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How {@code scripts/stack} runs Grafana: through grafana/entrypoint.sh, which generates the admin password into the
 * stack directory when GF_ADMIN_PASSWORD is empty. Grafana itself is not installed on the test machines, so a
 * stand-in named {@code grafana} on PATH records the password it was given and answers {@code /api/health} (a
 * tiny Java HTTP server, run by this JVM's java); what is under test is the script's wiring, not Grafana.
 */
class StackGrafanaPasswordIT {
    private static final String HEALTH_SERVER = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;

            class HealthServer {
                public static void main(String[] args) throws Exception {
                    HttpServer server = HttpServer.create(
                            new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
                    server.createContext("/api/health", exchange -> {
                        exchange.sendResponseHeaders(200, -1);
                        exchange.close();
                    });
                    server.start();
                }
            }
            """;

    @TempDir
    Path dir;
    private StackScript stack;

    @BeforeEach
    void grafanaStandIn() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path home = Files.createDirectories(dir.resolve("grafana-home/conf"));
        Path state = Files.createDirectories(dir.resolve("state"));
        // In the state directory, so that a stand-in left running would show in processesLeft().
        Path server = Files.writeString(state.resolve("HealthServer.java"), HEALTH_SERVER);
        String java = ProcessHandle.current().info().command().orElse("java");
        Path grafana = Files.writeString(bin.resolve("grafana"), "#!/bin/sh\n"
                + "printf '%s' \"$GF_SECURITY_ADMIN_PASSWORD\" >\"$GF_PATHS_DATA/password-given\"\n"
                + "exec '" + java + "' '" + server + "' \"$GF_SERVER_HTTP_PORT\"\n");
        Files.setPosixFilePermissions(grafana, PosixFilePermissions.fromString("rwx------"));
        stack = new StackScript(state)
                .with("HOOKMETER_STACK_SERVICES", "grafana")
                .with("HOOKMETER_GRAFANA_HOME", home.getParent().toString())
                .with("PATH", bin + ":" + System.getenv("PATH"))
                .with("GF_ADMIN_PASSWORD", "");
    }

    @Test
    void withoutAPasswordUpGeneratesOneIntoTheStackDirectoryAndKeepsIt() throws IOException {
        Path data = stack.stateDir().resolve("data/grafana");
        Path file = data.resolve("admin-password");
        String password;
        try {
            CommandResult up = stack.up();
            assertEquals(0, up.exitCode(), up.toString());
            assertTrue(up.out().contains("grafana admin password (generated, GF_ADMIN_PASSWORD is empty): " + file),
                    up.out());
            password = Files.readString(file);
            assertTrue(password.matches("[A-Za-z0-9]{32}"), password);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(password, Files.readString(data.resolve("password-given")), "Grafana is started with it");
            String log = Files.readString(stack.stateDir().resolve("log/grafana.log"));
            assertTrue(log.contains("read it with: cat " + file), log);
            assertFalse(log.contains(password), "the log never shows the password");
        } finally {
            assertEquals(0, stack.down().exitCode());
        }
        try {
            assertEquals(0, stack.up().exitCode());
            assertEquals(password, Files.readString(data.resolve("password-given")), "the next up reuses it");
        } finally {
            assertEquals(0, stack.down().exitCode());
        }
        assertEquals(List.of(), stack.processesLeft());
    }

    @Test
    void aPasswordFromTheEnvironmentIsPassedOnAndNothingIsGenerated() throws IOException {
        Path data = stack.stateDir().resolve("data/grafana");
        try {
            CommandResult up = stack.with("GF_ADMIN_PASSWORD", "chosen-by-the-user").up();
            assertEquals(0, up.exitCode(), up.toString());
            assertFalse(up.out().contains("admin password"), up.out());
            assertEquals("chosen-by-the-user", Files.readString(data.resolve("password-given")));
            assertFalse(Files.exists(data.resolve("admin-password")));
        } finally {
            assertEquals(0, stack.down().exitCode());
        }
        assertEquals(List.of(), stack.processesLeft());
    }
}
