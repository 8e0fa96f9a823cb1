package org.laborwatch.api.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import org.laborwatch.api.backend.CityTime;
import org.laborwatch.api.identity.Caller;
import org.laborwatch.api.identity.Roles;
import org.laborwatch.rules.risk.RiskLevel;

/** {@code /api/alerts}: an agency's feed, one alert with its whole explanation, and acknowledging it. */
@Controller("/api/alerts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "alerts")
class AlertController {
    static final String ALERT_ID = "[A-Za-z0-9._:-]{1,200}";
    private final AlertService alerts;
    private final CityTime time;

    AlertController(AlertService alerts, CityTime time) {
        this.alerts = alerts;
        this.time = time;
    }

    @Get
    @Secured({Roles.HANDLER, Roles.LEAD, Roles.ANALYST, Roles.ADMIN})
    @Operation(summary = "The caller's alert feed, newest first",
            description = "Agency handlers and leads see the alerts routed to their agency; analysts and admins all. "
                    + "Pass `next` of a page as `cursor` for the following one.")
    Views.AlertPage feed(@QueryValue @Nullable RiskLevel level,
                         @QueryValue @Nullable @Size(max = 32) String district,
                         @QueryValue @Nullable @Size(max = 64) String industry,
                         @QueryValue @Nullable @Parameter(description = "2025-06-01 or an ISO time with offset")
                         String since,
                         @QueryValue @Nullable String until,
                         @QueryValue @Nullable @Pattern(regexp = "true|false", message = "must be true or false")
                         String acknowledged,
                         @QueryValue @Nullable @Min(1) @Max(AlertFilter.MAX_LIMIT) Integer limit,
                         @QueryValue @Nullable @Size(max = 400) String cursor,
                         Authentication authentication) throws IOException {
        AlertFilter filter = new AlertFilter(level, district, industry,
                TimeParam.parse("since", since, time.zone()), TimeParam.parse("until", until, time.zone()),
                acknowledged == null ? null : Boolean.valueOf(acknowledged), limit == null ? AlertFilter.DEFAULT_LIMIT : limit,
                cursor == null ? null : AlertCursor.decode(cursor));
        return alerts.feed(Caller.of(authentication), filter);
    }

    @Get("/{id}")
    @Secured({Roles.HANDLER, Roles.LEAD, Roles.ANALYST, Roles.ADMIN})
    @Operation(summary = "One alert with its explanation: hits with reasons, evidence signals, scores")
    Views.AlertDetail detail(@PathVariable @Pattern(regexp = ALERT_ID) String id, Authentication authentication)
            throws IOException {
        return alerts.detail(Caller.of(authentication), id);
    }

    @Post("/{id}/ack")
    @Secured({Roles.HANDLER, Roles.LEAD})
    @Operation(summary = "Acknowledge an alert for the caller's agency",
            description = "Records who acknowledged it and when; acknowledging again changes nothing.")
    Views.AlertDetail acknowledge(@PathVariable @Pattern(regexp = ALERT_ID) String id,
                                  Authentication authentication) throws IOException {
        return alerts.acknowledge(Caller.of(authentication), id);
    }
}
