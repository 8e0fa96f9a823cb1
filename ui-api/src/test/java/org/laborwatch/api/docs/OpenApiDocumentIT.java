package org.laborwatch.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The OpenAPI document generated at build time names every endpoint, each with a summary and its security. */
class OpenApiDocumentIT {

    @Test
    void shouldDescribeEveryEndpointOfTheService() throws IOException {
        String document;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/swagger/laborwatch-0.1.0.yml")) {
            assertThat(in).as("the generated OpenAPI document").isNotNull();
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(document).contains("/api/login:", "/api/alerts:", "/api/alerts/{id}:", "/api/alerts/{id}/ack:",
                "/api/alerts/stream:", "/api/alerts/stream-tickets:", "/api/enterprises:",
                "/api/enterprises/{creditCode}:", "/api/stats:", "/api/users:", "/api/users/{username}/disable:",
                "/api/users/{username}/enable:");
        assertThat(document).contains("scheme: bearer").contains("bearerFormat: JWT");
        assertThat(document.split("\n      summary:", -1)).hasSize(document.split("\n    (get|post):", -1).length);
    }
}
