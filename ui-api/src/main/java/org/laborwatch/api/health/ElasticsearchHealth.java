package org.laborwatch.api.health;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Up while Elasticsearch answers with a green or yellow cluster; the service cannot serve a query without it. */
@Singleton
@Readiness
final class ElasticsearchHealth implements HealthIndicator {
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final ElasticsearchClient es;

    ElasticsearchHealth(ElasticsearchClient es) {
        this.es = es;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromCallable(() -> {
                    HealthStatus status = es.cluster().health().status();
                    boolean up = status == HealthStatus.Green || status == HealthStatus.Yellow;
                    return HealthResult.builder("elasticsearch", up ? io.micronaut.health.HealthStatus.UP
                            : io.micronaut.health.HealthStatus.DOWN).details(Map.of("cluster", status.jsonValue()))
                            .build();
                })
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(TIMEOUT)
                .onErrorResume(e -> Mono.just(HealthResult.builder("elasticsearch",
                        io.micronaut.health.HealthStatus.DOWN).details(Map.of("error", describe(e))).build()));
    }

    static String describe(Throwable e) {
        return e instanceof java.util.concurrent.TimeoutException ? "no answer within " + TIMEOUT.toSeconds() + " s"
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
