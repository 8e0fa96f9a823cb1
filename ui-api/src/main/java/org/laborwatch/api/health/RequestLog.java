package org.laborwatch.api.health;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.security.authentication.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request with no personal data: method, path (never the query, which may carry a stream ticket or
 * a name searched for), status, milliseconds, and the caller's role — not their name.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger("laborwatch.requests");
    private static final String STARTED = "laborwatch.started";

    @RequestFilter
    void started(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
    }

    @ResponseFilter
    void finished(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        long millis = request.getAttribute(STARTED, Long.class)
                .map(start -> (System.nanoTime() - start) / 1_000_000).orElse(-1L);
        String role = request.getUserPrincipal(Authentication.class)
                .map(a -> String.join(",", a.getRoles())).orElse("-");
        LOG.info("{} {} {} {} ms {}", request.getMethodName(), request.getPath(), response.code(), millis, role);
    }
}
