package org.laborwatch.api.problem;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import java.time.Duration;

/** 429, with a {@code Retry-After} header saying when to try again. */
public final class TooManyRequests extends HttpStatusException {
    private final long retryAfterSeconds;

    public TooManyRequests(Duration wait, String why) {
        super(HttpStatus.TOO_MANY_REQUESTS, why + "; try again in " + secondsOf(wait) + " s");
        this.retryAfterSeconds = secondsOf(wait);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private static long secondsOf(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
