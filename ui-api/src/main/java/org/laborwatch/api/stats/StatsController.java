package org.laborwatch.api.stats;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.laborwatch.api.alert.TimeParam;
import org.laborwatch.api.alert.Views;
import org.laborwatch.api.backend.CityTime;
import org.laborwatch.api.cases.CaseStats;
import org.laborwatch.api.identity.Caller;
import org.laborwatch.api.identity.Roles;
import org.laborwatch.api.problem.BadRequest;

/** {@code GET /api/stats?from=&to=}: the programme's figures for a period. */
@Controller("/api/stats")
@Secured({Roles.HANDLER, Roles.LEAD, Roles.ANALYST, Roles.RULE_AUTHOR, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "stats")
class StatsController {
    static final int TOP = 10;
    static final Duration MAX_PERIOD = Duration.ofDays(3660);
    private final StatsRepository stats;
    private final CaseStats cases;
    private final ZoneId zone;

    StatsController(StatsRepository stats, CaseStats cases, CityTime time) {
        this.stats = stats;
        this.cases = cases;
        this.zone = time.zone();
    }

    @Get
    @Operation(summary = "The figures a city reports: enterprises screened, consultations answered, alerts by level, "
            + "agency, district and week, enterprises by level now, top districts and industries by risk; cases by "
            + "state and agency, SLA compliance, yuan recovered, workers helped, legal-aid cases")
    Stats figures(@QueryValue @Parameter(description = "start, inclusive: 2025-01-01 or an ISO time") String from,
                  @QueryValue @Parameter(description = "end, exclusive: 2026-01-01 or an ISO time") String to,
                  Authentication authentication) throws IOException {
        Instant start = TimeParam.parse("from", from, zone);
        Instant end = TimeParam.parse("to", to, zone);
        if (!start.isBefore(end)) {
            throw new BadRequest("from must be before to");
        }
        if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw new BadRequest("a period of at most 10 years");
        }
        Caller caller = Caller.of(authentication);
        var agency = caller.role().needsAgency() ? caller.agency() : null;
        StatsRepository.SignalFigures signals = stats.signals(start, end);
        StatsRepository.AlertFigures alerts = stats.alerts(start, end, agency, zone);
        StatsRepository.RiskFigures risk = stats.risk(TOP);
        return new Stats(Views.at(start, zone), Views.at(end, zone), agency, signals.signals(), signals.enterprises(),
                signals.consultations(), alerts.alerts(), alerts.byLevel(), alerts.byAgency(), alerts.byDistrict(),
                alerts.byWeek(), risk.byLevel(), risk.districts(), risk.industries(), cases.figures(start, end, agency));
    }
}
