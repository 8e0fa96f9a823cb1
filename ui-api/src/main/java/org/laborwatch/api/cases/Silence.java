package org.laborwatch.api.cases;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** New alerts of the case's enterprise join the case without notifying anyone until {@code until}. */
@Serdeable
public record Silence(Instant at, String by, Instant until, String comment) {

    boolean activeAt(Instant now) {
        return now.isBefore(until);
    }
}
