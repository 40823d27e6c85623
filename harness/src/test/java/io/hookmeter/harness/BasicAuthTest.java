package io.hookmeter.harness;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BasicAuthTest {
    @Test
    void headerIsBasicWithUserColonPasswordInBase64() {
        BasicAuth auth = new BasicAuth("ann", "p:ä", "$2b$04$hash");
        assertEquals("Basic " + Base64.getEncoder().encodeToString("ann:p:ä".getBytes(StandardCharsets.UTF_8)),
                auth.header());
        assertEquals(Map.of("Authorization", auth.header()), auth.headers());
    }

    @Test
    void webConfigAdmitsTheUserByHashOnly() {
        String webConfig = BasicAuth.TEST.webConfig();
        assertEquals("basic_auth_users:\n  hookmeter: '" + BasicAuth.TEST.bcryptHash() + "'\n", webConfig);
        assertTrue(!webConfig.contains(BasicAuth.TEST.password()), "the server gets the hash, not the password");
    }

    @Test
    void theTestHashIsACheapBcryptHash() {
        assertTrue(BasicAuth.TEST.bcryptHash().matches("\\$2b\\$04\\$[./A-Za-z0-9]{53}"), BasicAuth.TEST.bcryptHash());
    }

    @Test
    void aWrongPasswordKeepsUserAndHash() {
        BasicAuth wrong = BasicAuth.TEST.withPassword("nope");
        assertEquals("hookmeter", wrong.user());
        assertEquals(BasicAuth.TEST.bcryptHash(), wrong.bcryptHash());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("hookmeter:nope".getBytes(StandardCharsets.UTF_8)),
                wrong.header());
    }
}
