package org.laborwatch.api.cases;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import org.laborwatch.rules.risk.Agency;

/**
 * A note on a case, or an agency's feedback (the two are kept apart: feedback is what an agency reports back on its
 * share of the response, and each agency's is recorded under its name).
 */
@Serdeable
public record Note(Instant at, String by, Agency agency, String text) {
}
