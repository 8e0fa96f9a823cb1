package org.laborwatch.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.laborwatch.api.support.Api;
import org.laborwatch.api.support.ApiStack;
import org.laborwatch.api.support.ServiceTest;

/** Health and readiness over Elasticsearch and Kafka, Prometheus metrics, the OpenAPI document and its UI. */
@MicronautTest
class ServiceHygieneStackIT extends ServiceTest {
    private static final ApiStack STACK = new ApiStack("hygiene");

    ServiceHygieneStackIT() {
        super(STACK);
    }

    @Test
    void shouldReportReadyWithElasticsearchAndKafkaUp() {
        api.token("analyst"); // waits until the demo users exist, the last thing readiness waits for
        Api.Response health = api.get("/health", null);
        Api.Response ready = api.get("/health/readiness", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("details").get("elasticsearch").get("status").asText()).isEqualTo("UP");
        assertThat(health.json().get("details").get("kafka").get("status").asText()).isEqualTo("UP");
        assertThat(ready.status()).isEqualTo(200);
    }

    @Test
    void shouldServePrometheusMetricsOfRequests() {
        api.get("/health", null);

        Api.Response metrics = api.get("/prometheus", null);

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds");
    }

    @Test
    void shouldServeTheOpenApiDocumentAndItsUiFromTheJar() {
        Api.Response document = api.get("/swagger/laborwatch-0.1.0.yml", null);
        Api.Response ui = api.get("/swagger-ui/index.html", null);

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body()).contains("/api/alerts/stream", "/api/enterprises/{creditCode}", "/api/stats",
                "/api/users", "/api/login", "bearer");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui-bundle.js").doesNotContain("https://");
    }
}
