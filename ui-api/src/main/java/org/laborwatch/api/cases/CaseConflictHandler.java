package org.laborwatch.api.cases;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.laborwatch.api.problem.Problem;

/** Answers a {@link CaseConflict} as a problem that carries the case as it now is, with its {@code ETag}. */
@Singleton
@Requires(classes = {CaseConflict.class, ExceptionHandler.class})
final class CaseConflictHandler implements ExceptionHandler<CaseConflict, HttpResponse<CaseConflictHandler.CaseProblem>> {
    private final CaseViews views;

    CaseConflictHandler(CaseViews views) {
        this.views = views;
    }

    /** RFC 9457 problem members, and the case now. */
    @Serdeable
    record CaseProblem(String type, String title, int status, String detail, CaseViews.CaseSummary current) {
    }

    @Override
    public HttpResponse<CaseProblem> handle(HttpRequest request, CaseConflict conflict) {
        CaseProblem body = new CaseProblem("about:blank", conflict.status().getReason(), conflict.status().getCode(),
                conflict.getMessage(), views.summary(conflict.current().value()));
        return HttpResponse.<CaseProblem>status(conflict.status()).body(body).contentType(Problem.PROBLEM_JSON)
                .header(HttpHeaders.ETAG, conflict.current().etag());
    }
}
