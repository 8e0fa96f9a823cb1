package org.laborwatch.api.alert;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import org.laborwatch.rules.risk.Agency;

/** Who acknowledged an alert for which agency, and when: kept in the alert's document beside what the engine wrote. */
@Serdeable
public record Acknowledgement(Agency agency, String by, Instant at) {
}
