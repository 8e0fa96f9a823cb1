package org.laborwatch.api.problem;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

/** A resource that does not exist, or that the caller may not know of: both answer 404 alike. */
public final class NotFound extends HttpStatusException {

    public NotFound(String what) {
        super(HttpStatus.NOT_FOUND, what);
    }
}
