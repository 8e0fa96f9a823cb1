package org.laborwatch.api.cases;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import org.laborwatch.rules.risk.Agency;

/**
 * A deadline the case missed, found by the escalation pass: which clock ({@code ACCEPT} or {@code RESOLVE}), the
 * deadline, when it was found, and the agencies it brought in.
 */
@Serdeable
public record Escalation(Clock clock, Instant dueAt, Instant at, List<Agency> addedAgencies) {

    public enum Clock {
        ACCEPT,
        RESOLVE
    }
}
