package org.laborwatch.api.cases;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.laborwatch.api.alert.Views;
import org.laborwatch.api.backend.CityTime;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.risk.RiskSnapshot;

/** What the API shows of cases: a queue line, and the whole case with its alerts and the enterprise's risk. */
@Singleton
class CaseViews {
    private final Clock clock;
    private final ZoneId zone;

    CaseViews(Clock clock, CityTime time) {
        this.clock = clock;
        this.zone = time.zone();
    }

    /** One line of a queue; {@code overdue} as of the time of asking, {@code next} the states it can move to. */
    @Serdeable
    record CaseSummary(String id, String enterpriseId, @Nullable String enterpriseName, @Nullable String district,
                       @Nullable String industry, RiskLevel level, String levelLabel, int priority, CaseState state,
                       String stateLabel, Agency leadAgency, List<Agency> agencies, CaseOrigin origin,
                       Instant openedAt, @Nullable Instant nextDueAt, boolean overdue, int alertCount,
                       List<CaseState> next) {
    }

    @Serdeable
    record CasePage(List<CaseSummary> items, int offset, int limit) {
    }

    /** The enterprise's risk now, as the engine last judged it. */
    @Serdeable
    record RiskNow(double score, RiskLevel level, String levelLabel, @Nullable Instant asOf,
                   List<Views.HitView> activeHits) {
    }

    /** The whole case: every field, its timeline, letters and outcome, its alerts, and the enterprise's risk now. */
    @Serdeable
    record CaseDetail(@JsonProperty("case") Case value, String stateLabel, boolean overdue, List<CaseState> next,
                      List<Views.AlertSummary> alerts, @Nullable RiskNow risk) {
    }

    /** What the programme reports of cases (part of {@code /api/stats}). */
    @Serdeable
    record Totals(BigDecimal amountRecovered, long workersHelped, long legalAidCases) {
    }

    CaseSummary summary(Case c) {
        return new CaseSummary(c.id(), c.enterpriseId(), c.enterpriseName(), c.district(), c.industry(), c.level(),
                c.level().label(), c.priority(), c.state(), c.state().label(), c.leadAgency(), c.agencies(),
                c.origin(), c.openedAt(), c.nextDueAt(), c.overdueAt(clock.instant()), c.alertIds().size(),
                Workflow.next(c.state()));
    }

    CaseDetail detail(Case c, List<Views.AlertSummary> alerts, RiskSnapshot risk) {
        RiskNow now = risk == null ? null : new RiskNow(risk.score(), risk.level(), risk.level().label(), risk.asOf(),
                risk.hits().stream().map(h -> Views.hit(h, zone)).toList());
        return new CaseDetail(c, c.state().label(), c.overdueAt(clock.instant()), Workflow.next(c.state()), alerts,
                now);
    }
}
