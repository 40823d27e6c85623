package io.hookmeter.harness;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.reflect.Modifier;

/**
 * JUnit Jupiter extension that hands a {@link Servers} to tests. Injected into a static {@code @BeforeAll} method, the
 * servers live for the whole class; injected into a test or {@code @BeforeEach}, for that test only. Either way they
 * are always stopped, and when a test fails every server's log is printed.
 *
 * <pre>{@code
 * @ExtendWith(RealServers.class)
 * class PushIT {
 *     @Test void pushes(Servers servers) { var pgw = servers.pushgateway(); ... }
 * }
 * }</pre>
 */
public final class RealServers implements ParameterResolver, AfterTestExecutionCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealServers.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Servers.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        boolean classScoped = Modifier.isStatic(parameter.getDeclaringExecutable().getModifiers())
                || context.getTestMethod().isEmpty();
        ExtensionContext owner = classScoped ? classContext(context) : context;
        return owner.getStore(NAMESPACE)
                .computeIfAbsent("servers", key -> new Closing(new Servers()), Closing.class).servers;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Closing closing = c.getStore(NAMESPACE).get("servers", Closing.class);
            if (closing != null && !closing.servers.started().isEmpty()) {
                System.err.println("\n===== server logs for failed test " + context.getDisplayName() + " =====");
                System.err.println(closing.servers.logs());
            }
        }
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    /** Closed by JUnit with the store (it closes AutoCloseable values), at the end of the test or class. */
    private record Closing(Servers servers) implements AutoCloseable {
        @Override
        public void close() {
            servers.close();
        }
    }
}
