package org.laborwatch.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.laborwatch.connectors.elasticsearch.ElasticsearchStatus;
import org.laborwatch.api.health.RequestLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elasticsearch out of reach (connection refused, timeout, its transport failing) answers 503 with what is away: the
 * request was fine and may be retried. Anything else stays a 500 with its detail only in the log.
 */
@Produces
@Singleton
final class BackendErrors implements ExceptionHandler<IOException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(BackendErrors.class);
    private final ErrorResponseProcessor<?> problems;

    BackendErrors(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, IOException exception) {
        // Not the exception's message: Elasticsearch's names the document, and a user's document id is their name.
        int status = ElasticsearchStatus.of(exception);
        LOG.warn("Elasticsearch unavailable for {} {}: {}{}", request.getMethod(), RequestLog.routeOf(request),
                exception.getClass().getSimpleName(), status > 0 ? " (status " + status + ")" : "");
        return problems.processResponse(ErrorContext.builder(request).cause(exception)
                        .errorMessage("Elasticsearch is not reachable now; try again shortly").build(),
                HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE));
    }
}
