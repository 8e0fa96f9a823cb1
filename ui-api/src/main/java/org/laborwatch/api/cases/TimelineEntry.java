package org.laborwatch.api.cases;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import org.laborwatch.rules.risk.Agency;

/**
 * One change of a case, in the order they happened: who ({@code system} for the service's own passes), for which
 * agency, what, and the words that came with it.
 *
 * @param notified for an attached alert: false when a silence or a higher case level kept it from the agencies' streams
 */
@Serdeable
public record TimelineEntry(Instant at, String by, @Nullable Agency agency, CaseAction action,
                            @Nullable CaseState from, @Nullable CaseState to, @Nullable String comment,
                            @Nullable String alertId, @Nullable Boolean notified) {

    static TimelineEntry of(Instant at, String by, Agency agency, CaseAction action, String comment) {
        return new TimelineEntry(at, by, agency, action, null, null, comment, null, null);
    }
}
