package io.hookmeter.stack.compose;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.hookmeter.stack.compose.ResolvedCompose.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two images compose builds (exporter/Dockerfile, alert-sink/Dockerfile, context = the repository root): what
 * reaches the build context, and a build that neither downloads the dependencies again after a source change nor
 * makes a new image from unchanged sources.
 */
class BuildContextTest {
    private static final List<String> DOCKERFILES = Dockerfile.BUILT;
    /** Where secrets live in a checkout that runs the stack (docs/deployment.md, alertmanager/secrets/README.md). */
    private static final List<String> SECRET_PATHS = List.of(".env", ".env.local",
            "alertmanager/secrets/slack_webhook_url", "alertmanager/secrets/smtp_password",
            "alertmanager/secrets/ntfy_token", "var/stack/data/grafana/admin-password",
            "var/stack/config/alertmanager/secrets/smtp_password", "docker-compose.override.yml");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    private final DockerIgnore ignore = new DockerIgnore(ROOT.resolve(".dockerignore"));

    @Test
    void noSecretReachesTheBuildContext() {
        for (String secret : SECRET_PATHS) {
            assertTrue(ignore.excludes(secret), ".dockerignore must leave out " + secret);
        }
        for (String output : List.of(".git/config", "exporter/target/hookmeter-exporter.jar",
                "alert-sink/target-other/classes/A.class")) {
            assertTrue(ignore.excludes(output), output);
        }
    }

    @Test
    void theRulesAreReadAsDockerReadsThem() {
        // So that the test above cannot pass by a matcher that excludes everything.
        assertFalse(ignore.excludes("alertmanager/alertmanager.yml"));
        assertFalse(ignore.excludes("exporter/src/main/java/Foo.java"));
        assertFalse(ignore.excludes(".envrc-example/x"), ".env and .env.* do not match another name");
        assertFalse(ignore.excludes("docs/var/x"), "var/ is the root's folder only");
    }

    @Test
    void everyFileTheBuildsCopyIsInTheContext() throws IOException {
        for (String dockerfile : DOCKERFILES) {
            for (String source : Dockerfile.read(ROOT, dockerfile).copiedFromContext()) {
                assertTrue(Files.exists(ROOT.resolve(source)), dockerfile + " copies " + source + ": missing");
                assertFalse(ignore.excludes(source.replaceAll("/+$", "")), dockerfile + ": " + source
                        + " is left out by .dockerignore");
            }
        }
    }

    @Test
    void theBuildCopiesThePomsFirstAndOnlyTheSourcesItNeeds() throws IOException {
        List<String> modules = new ArrayList<>();
        Matcher module = MODULE.matcher(Files.readString(ROOT.resolve("pom.xml")));
        while (module.find()) {
            modules.add(module.group(1));
        }
        assertFalse(modules.isEmpty());
        for (String dockerfile : DOCKERFILES) {
            List<String> sources = Dockerfile.read(ROOT, dockerfile).copiedFromContext();
            assertFalse(sources.contains(".") || sources.contains("./"), dockerfile + " copies the whole context");
            for (String name : modules) {
                assertTrue(sources.contains(name + "/pom.xml"),
                        dockerfile + ": the root pom lists " + name + ", so its pom must be copied");
            }
            int lastPom = 0;
            int firstSource = Integer.MAX_VALUE;
            for (int i = 0; i < sources.size(); i++) {
                lastPom = sources.get(i).endsWith("pom.xml") ? i : lastPom;
                firstSource = sources.get(i).endsWith("src/") ? Math.min(firstSource, i) : firstSource;
            }
            assertTrue(lastPom < firstSource, dockerfile + ": the poms before any source");
            String built = dockerfile.substring(0, dockerfile.indexOf('/'));
            assertEquals(List.of("harness/src/", built + "/src/"),
                    sources.stream().filter(s -> s.endsWith("src/")).toList(),
                    dockerfile + ": only the module's sources and the harness its pom names");
        }
    }

    @Test
    void mavenRunsWithACachedRepositoryAndReproducibleJars() throws IOException {
        for (String dockerfile : DOCKERFILES) {
            List<String> instructions = Dockerfile.read(ROOT, dockerfile).instructions();
            assertEquals("# syntax=docker/dockerfile:1", Files.readAllLines(ROOT.resolve(dockerfile)).get(0),
                    dockerfile + ": RUN --mount needs the BuildKit Dockerfile syntax");
            List<String> maven = instructions.stream().filter(i -> i.startsWith("RUN ") && i.contains(" mvn "))
                    .toList();
            assertEquals(2, maven.size(), dockerfile + ": dependencies, then package: " + maven);
            maven.forEach(run -> assertTrue(run.startsWith("RUN --mount=type=cache,target=/root/.m2 "),
                    dockerfile + ": ~/.m2 in a BuildKit cache: " + run));
            assertTrue(maven.get(0).contains("dependency:go-offline"), maven.get(0));
            assertTrue(maven.get(1).contains(" package ")
                    && maven.get(1).matches(".*-Dproject\\.build\\.outputTimestamp=\\d{4}-\\d\\d-\\d\\dT[^ ]+Z.*"),
                    dockerfile + ": a fixed jar timestamp, so unchanged sources give the same image: " + maven.get(1));
        }
    }
}
