package io.hookmeter.harness;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A user, password and the password's bcrypt hash, for a server started with an exporter-toolkit web config
 * ({@code --web.config.file}, {@code basic_auth_users}). The servers only know the hash; clients send the password.
 */
public record BasicAuth(String user, String password, String bcryptHash) {
    /**
     * A TEST CREDENTIAL, public on purpose and good for nothing else: it only guards the throw-away servers the tests
     * start on loopback ports. Hash made with cost 4 (fast to check) by
     * {@code python3 -c "import crypt; print(crypt.crypt('hookmeter-test-secret',
     * crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=2**4)))"}; Go's bcrypt accepts the {@code $2b$} prefix.
     */
    public static final BasicAuth TEST = new BasicAuth("hookmeter", "hookmeter-test-secret",
            "$2b$04$LE.tSUjXEeeeR/jpFyiG1uiU9gxdDVQ0Y7JyWPJF0nw1hDvTBi0UW");

    /** The {@code Authorization} header value: {@code Basic base64(user:password)}. */
    public String header() {
        return "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code Authorization} as a request header map, for {@link Http} and readiness checks. */
    public Map<String, String> headers() {
        return Map.of("Authorization", header());
    }

    /** The same user with another password (the hash stays): a client with a wrong password. */
    public BasicAuth withPassword(String otherPassword) {
        return new BasicAuth(user, otherPassword, bcryptHash);
    }

    /** The exporter-toolkit web config file that admits this user. */
    public String webConfig() {
        // Single quotes: a bcrypt hash is full of '$' and '/', which YAML would otherwise be free to interpret.
        return "basic_auth_users:\n  " + user + ": '" + bcryptHash + "'\n";
    }
}
