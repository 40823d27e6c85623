package io.hookmeter.harness;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real Pushgateway behind basic auth: ready with the test credential, closed to everyone else. */
@ExtendWith(RealServers.class)
class PushgatewayBasicAuthIT {
    private static ManagedProcess pushgateway;

    @BeforeAll
    static void start(Servers servers) {
        pushgateway = servers.pushgatewayWithBasicAuth(BasicAuth.TEST);
    }

    @Test
    void everyPathNeedsTheCredentialReadinessIncluded() {
        assertEquals(401, Http.get(pushgateway.url() + "/-/ready").statusCode());
        assertEquals(401, Http.get(pushgateway.url() + "/metrics").statusCode());
        assertEquals(401, Http.get(pushgateway.url() + "/metrics", BasicAuth.TEST.withPassword("wrong").headers())
                .statusCode());
        AssertionError notReady = assertThrows(AssertionError.class,
                () -> pushgateway.awaitReady("/-/ready", Duration.ofMillis(300)));
        assertTrue(notReady.getMessage().contains("HTTP 401"), notReady.getMessage());
    }

    @Test
    void withTheCredentialItTakesAPushAndShowsIt() {
        Map<String, String> auth = BasicAuth.TEST.headers();
        assertEquals(401, Http.send("PUT", pushgateway.url() + "/metrics/job/harness", "harness_probe 7\n",
                "text/plain").statusCode(), "a push without credentials is refused");
        assertEquals(200, Http.send("PUT", pushgateway.url() + "/metrics/job/harness", "harness_probe 7\n",
                "text/plain", auth).statusCode());
        String metrics = Http.getOk(pushgateway.url() + "/metrics", auth);
        assertTrue(metrics.contains("harness_probe{instance=\"\",job=\"harness\"} 7"), metrics);
        pushgateway.awaitReady("/-/ready", Duration.ofSeconds(5), auth);
    }
}
