package org.laborwatch.api.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.laborwatch.api.backend.KafkaSettings;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Up while a Kafka broker answers: the alert stream reads {@code lw.alerts} from it. */
@Singleton
@Readiness
final class KafkaHealth implements HealthIndicator {
    private static final int TIMEOUT_MS = 3000;
    private final Admin admin;

    KafkaHealth(KafkaSettings kafka) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "laborwatch-api-health");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(TIMEOUT_MS));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(TIMEOUT_MS));
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "5000");
        this.admin = Admin.create(p);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromCallable(() -> {
                    int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).nodes()
                            .get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS).size();
                    return HealthResult.builder("kafka", HealthStatus.UP).details(Map.of("brokers", brokers)).build();
                })
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(e -> Mono.just(HealthResult.builder("kafka", HealthStatus.DOWN)
                        .details(Map.of("error", ElasticsearchHealth.describe(e))).build()));
    }

    @PreDestroy
    void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
