package org.laborwatch.api.backend;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The service's clock: case deadlines, escalations and audit times read it, never {@code Instant.now()}, so tests
 * replace it and run a whole SLA life in milliseconds.
 */
@Factory
class Clocks {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
