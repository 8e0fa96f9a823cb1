package org.laborwatch.api.health;

import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.security.authentication.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request with no personal data: method, route (its template, {@code /api/users/{username}/disable},
 * never the username in it, and never the query, which may carry a stream ticket or a name searched for), status,
 * milliseconds, and the caller's role — not their name.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class RequestLog {
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
        LOG.info("{} {} {} {} ms {}", request.getMethodName(), routeOf(request), response.code(), millis, role);
    }

    /** The matched route's template; an unmatched path as it is (it names no route, so nothing of anyone's). */
    public static String routeOf(HttpRequest<?> request) {
        return BasicHttpAttributes.getUriTemplate(request).orElse(request.getPath());
    }
}
