package org.laborwatch.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.security.token.jwt.generator.JwtTokenGenerator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signing secret: production refuses to start without one; a short one is refused everywhere. */
class JwtSecretTest {

    @Test
    void shouldRefuseToStartInProductionWithoutASecret() {
        assertThatThrownBy(() -> {
            try (ApplicationContext context = ApplicationContext.run(Map.of("laborwatch.environment", "prod",
                    "laborwatch.jwt.secret", "", "laborwatch.jwt.secret-file", ""), "secretless")) {
                context.getBean(JwtTokenGenerator.class);
            }
        }).hasStackTraceContaining("no JWT secret in production");
    }

    @Test
    void shouldRefuseAShortSecret() {
        assertThatThrownBy(() -> {
            try (ApplicationContext context = ApplicationContext.run(Map.of("laborwatch.jwt.secret", "short"))) {
                context.getBean(JwtTokenGenerator.class);
            }
        }).hasStackTraceContaining("at least 32 bytes");
    }

    @Test
    void shouldSignWithTheConfiguredSecretInProduction() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("laborwatch.environment", "prod",
                "laborwatch.jwt.secret", "a-production-secret-that-is-long-enough-0123"))) {
            assertThat(context.getBean(JwtTokenGenerator.class).generateToken(Map.of("sub", "x"))).isPresent();
        }
    }
}
