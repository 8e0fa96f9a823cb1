package org.laborwatch.api.cases;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import org.laborwatch.api.identity.Caller;
import org.laborwatch.api.identity.Roles;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * {@code /api/cases}: the agencies' queues, one case with everything about it, and the changes the workflow allows.
 * Every answer about one case carries its {@code ETag}; a change sent with {@code If-Match} applies only to that
 * version.
 */
@Controller("/api/cases")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "cases")
class CaseController {
    static final String CASE_ID = "[0-9A-Z]{18}-[0-9]{1,6}";
    private final CaseService cases;

    CaseController(CaseService cases) {
        this.cases = cases;
    }

    @Get
    @Secured({Roles.HANDLER, Roles.LEAD, Roles.ANALYST, Roles.ADMIN})
    @Operation(summary = "The caller's case queue, most urgent deadline first",
            description = "Agency staff see the cases their agency works on; analysts and admins all. `overdue` is "
                    + "judged at the time of asking.")
    CaseViews.CasePage queue(@QueryValue @Nullable CaseState state, @QueryValue @Nullable RiskLevel level,
                             @QueryValue @Nullable @Size(max = 32) String district,
                             @QueryValue @Nullable @Pattern(regexp = "true|false", message = "must be true or false")
                             String overdue,
                             @QueryValue @Nullable @Pattern(regexp = Requests.CREDIT_CODE,
                                     message = "must be an 18-character unified social credit code")
                             String enterpriseId,
                             @QueryValue @Nullable @Min(1) @Max(CaseFilter.MAX_LIMIT) Integer limit,
                             @QueryValue @Nullable @Min(0) @Max(CaseFilter.MAX_OFFSET) Integer offset,
                             Authentication authentication) throws IOException {
        CaseFilter filter = new CaseFilter(state, level, district, overdue == null ? null : Boolean.valueOf(overdue),
                enterpriseId, limit == null ? CaseFilter.DEFAULT_LIMIT : limit, offset == null ? 0 : offset);
        return cases.queue(Caller.of(authentication), filter);
    }

    @Post
    @Secured({Roles.HANDLER, Roles.LEAD})
    @Operation(summary = "Open a case by hand, from a hotline call or a walk-in; the caller's agency leads it")
    HttpResponse<CaseViews.CaseDetail> open(@Body @Valid Requests.NewCase request, Authentication authentication)
            throws IOException {
        return answer(HttpStatus.CREATED, cases.openByHand(Caller.of(authentication), request));
    }

    @Get("/{id}")
    @Secured({Roles.HANDLER, Roles.LEAD, Roles.ANALYST, Roles.ADMIN})
    @Operation(summary = "One case: its timeline, feedback, letters and outcome, its alerts, the enterprise's risk")
    HttpResponse<CaseViews.CaseDetail> detail(@PathVariable @Pattern(regexp = CASE_ID) String id,
                                              Authentication authentication) throws IOException {
        return answer(HttpStatus.OK, cases.visible(Caller.of(authentication), id));
    }

    @Post("/{id}/transitions")
    @Secured({Roles.HANDLER, Roles.LEAD, Roles.ANALYST, Roles.ADMIN})
    @Operation(summary = "Move a case on: {\"to\": \"ACCEPTED\", \"comment\": \"…\"}",
            description = "Resolving adds the outcome. 409 when the case's state no longer allows the move, 412 when "
                    + "If-Match names an older version; both carry the case as it is now.")
    HttpResponse<CaseViews.CaseDetail> transition(@PathVariable @Pattern(regexp = CASE_ID) String id,
                                                  @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
                                                  @Body @Valid Requests.Transition request,
                                                  Authentication authentication) throws IOException {
        return answer(HttpStatus.OK, cases.transition(Caller.of(authentication), id, ifMatch, request));
    }

    @Post("/{id}/notes")
    @Secured({Roles.HANDLER, Roles.LEAD, Roles.ANALYST, Roles.ADMIN})
    @Operation(summary = "Add a note: {\"text\": \"…\"} (staff of the case's agencies)")
    HttpResponse<CaseViews.CaseDetail> note(@PathVariable @Pattern(regexp = CASE_ID) String id,
                                            @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
                                            @Body @Valid Requests.Text request, Authentication authentication)
            throws IOException {
        return answer(HttpStatus.OK, cases.note(Caller.of(authentication), id, ifMatch, request.text()));
    }

    @Post("/{id}/feedback")
    @Secured({Roles.HANDLER, Roles.LEAD, Roles.ANALYST, Roles.ADMIN})
    @Operation(summary = "Report back on the agency's share of the response: {\"text\": \"…\"}")
    HttpResponse<CaseViews.CaseDetail> feedback(@PathVariable @Pattern(regexp = CASE_ID) String id,
                                                @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
                                                @Body @Valid Requests.Text request, Authentication authentication)
            throws IOException {
        return answer(HttpStatus.OK, cases.feedback(Caller.of(authentication), id, ifMatch, request.text()));
    }

    @Post("/{id}/silences")
    @Secured({Roles.HANDLER, Roles.LEAD, Roles.ANALYST, Roles.ADMIN})
    @Operation(summary = "Silence the enterprise's new alerts for some hours (leads of the case's agencies)",
            description = "{\"hours\": 72, \"comment\": \"…\"}: new alerts still join the case but notify nobody.")
    HttpResponse<CaseViews.CaseDetail> silence(@PathVariable @Pattern(regexp = CASE_ID) String id,
                                               @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
                                               @Body @Valid Requests.SilenceFor request,
                                               Authentication authentication) throws IOException {
        return answer(HttpStatus.OK, cases.silence(Caller.of(authentication), id, ifMatch, request));
    }

    private HttpResponse<CaseViews.CaseDetail> answer(HttpStatus status, StoredCase stored) throws IOException {
        return HttpResponse.<CaseViews.CaseDetail>status(status).body(cases.detail(stored))
                .header(HttpHeaders.ETAG, stored.etag());
    }
}
