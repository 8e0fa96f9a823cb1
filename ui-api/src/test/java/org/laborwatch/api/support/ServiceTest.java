package org.laborwatch.api.support;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test of the running service (annotate the class {@code @MicronautTest}): it works in the indices and topic of its
 * {@link ApiStack}, and calls the service through {@link #api}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceTest implements TestPropertyProvider {
    private final ApiStack stack;

    @Inject
    protected EmbeddedServer server;
    protected Api api;

    protected ServiceTest(ApiStack stack) {
        this.stack = stack;
    }

    protected ApiStack stack() {
        return stack;
    }

    @Override
    public Map<String, String> getProperties() {
        return stack.properties();
    }

    @BeforeAll
    void connect() {
        api = new Api(server);
    }
}
