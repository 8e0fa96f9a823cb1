package org.laborwatch.api.cases;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * A notification about a case, on {@code lw.cases.events} and the agencies' streams: opened, moved, escalated. Its
 * id is fixed by the change ({@code <case>@<version>}), so a consumer that sees one twice can tell.
 */
@Serdeable
public record CaseEvent(String id, CaseAction action, String caseId, String enterpriseId,
                        @Nullable String enterpriseName, RiskLevel level, CaseState state, List<Agency> agencies,
                        Instant at, @Nullable String detail) {
}
