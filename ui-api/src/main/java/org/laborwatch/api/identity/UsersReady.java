package org.laborwatch.api.identity;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** Not ready until the users the service was started with (the first admin, the demo's) exist. */
@Singleton
@Readiness
final class UsersReady implements HealthIndicator {
    private final StartupUsers startupUsers;

    UsersReady(StartupUsers startupUsers) {
        this.startupUsers = startupUsers;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean ready = startupUsers.ready();
        return Mono.just(HealthResult.builder("startupUsers", ready ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("ready", ready)).build());
    }
}
