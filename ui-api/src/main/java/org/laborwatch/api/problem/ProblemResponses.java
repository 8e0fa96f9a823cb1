package org.laborwatch.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Every error the service answers — its own, validation's, security's, routing's — as {@code application/problem+json}.
 * The detail of a server error is never shown (internals stay in the log); a client error says what to change.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemResponses implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.status();
        List<String> errors = context.getErrors().stream().map(ProblemResponses::describe).distinct().toList();
        boolean internal = status == HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = internal ? "the service could not answer; the error is in its log"
                : detailOf(status, errors);
        Problem problem = new Problem("about:blank", status.getReason(), status.getCode(), detail,
                internal || errors.size() <= 1 ? List.of() : errors);
        context.getRootCause().filter(TooManyRequests.class::isInstance).map(TooManyRequests.class::cast)
                .ifPresent(tooMany -> response.header("Retry-After", Long.toString(tooMany.retryAfterSeconds())));
        return response.body(problem).contentType(Problem.PROBLEM_JSON);
    }

    private static String detailOf(HttpStatus status, List<String> errors) {
        if (!errors.isEmpty() && !(errors.size() == 1 && errors.get(0).equals(status.getReason()))) {
            return String.join("; ", errors);
        }
        return switch (status) {
            case UNAUTHORIZED -> "sign in first: POST /api/login, then send 'Authorization: Bearer <token>'";
            case FORBIDDEN -> "your role may not do this";
            case NOT_FOUND -> "no such resource";
            default -> status.getReason();
        };
    }

    private static String describe(Error error) {
        String message = error.getMessage();
        return error.getPath().filter(p -> !message.startsWith(p)).map(p -> p + ": " + message).orElse(message);
    }
}
