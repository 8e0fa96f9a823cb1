package org.laborwatch.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.generator.JwtTokenGenerator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.laborwatch.api.support.Api;
import org.laborwatch.api.support.ApiStack;
import org.laborwatch.api.support.Fixtures;
import org.laborwatch.api.support.Forwarder;
import org.laborwatch.api.support.ServiceTest;

/**
 * The service starts with neither Elasticsearch nor Kafka reachable, says it is not ready, answers 503 rather than
 * failing, and recovers by itself when they come.
 */
@MicronautTest
class BackendsArriveLaterStackIT extends ServiceTest {
    private static final ApiStack STACK = new ApiStack("later");
    @Inject
    JwtTokenGenerator tokens;
    private final Forwarder elasticsearch;
    private final Forwarder kafka;

    BackendsArriveLaterStackIT() {
        super(STACK);
        try {
            elasticsearch = new Forwarder(ApiStack.elasticsearch());
            kafka = new Forwarder(ApiStack.kafka());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new java.util.HashMap<>(STACK.properties());
        p.put("laborwatch.elasticsearch.url", "http://127.0.0.1:" + elasticsearch.port());
        p.put("laborwatch.kafka.bootstrap", "127.0.0.1:" + kafka.port());
        return p;
    }

    @AfterAll
    void close() throws IOException {
        elasticsearch.close();
        kafka.close();
    }

    @Test
    void shouldStartNotReadyAndRecoverWhenElasticsearchAndKafkaCome() throws Exception {
        Api.Response notReady = api.get("/health/readiness", null);
        Api.Response login = api.post("/api/login", null,
                "{\"username\":\"analyst\",\"password\":\"" + ApiStack.DEMO_PASSWORD + "\"}");

        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.body()).contains("elasticsearch").contains("kafka").contains("DOWN");
        assertThat(login.status()).isEqualTo(503);
        assertThat(login.contentType()).startsWith("application/problem+json");
        assertThat(login.json().get("detail").asText()).contains("Elasticsearch");
        // A token signed with the service's own key: what a user signed in before the outage still holds.
        String analyst = tokens.generateToken(Authentication.build("analyst", List.of("ANALYST"), Map.of()), 600)
                .orElseThrow();
        for (String path : List.of("/api/alerts", "/api/enterprises/" + Fixtures.BUILDER, "/api/enterprises?q=x",
                "/api/stats?from=2025-01-01&to=2026-01-01")) {
            Api.Response r = api.get(path, analyst);
            assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(503);
            assertThat(r.contentType()).as(path).startsWith("application/problem+json");
        }

        elasticsearch.open();
        kafka.open();

        long deadline = System.currentTimeMillis() + 90_000;
        while (api.get("/health/readiness", null).status() != 200 && System.currentTimeMillis() < deadline) {
            Api.sleep(500);
        }
        assertThat(api.get("/health/readiness", null).status()).isEqualTo(200);
        assertThat(api.get("/api/alerts", api.token("analyst")).status()).isEqualTo(200);
    }
}
