package org.laborwatch.api.problem;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

/** Elasticsearch or Kafka is away: 503, so a caller retries later rather than thinking the request was wrong. */
public final class Unavailable extends HttpStatusException {

    public Unavailable(String what) {
        super(HttpStatus.SERVICE_UNAVAILABLE, what);
    }
}
