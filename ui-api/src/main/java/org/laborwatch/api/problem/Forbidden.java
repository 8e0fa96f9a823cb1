package org.laborwatch.api.problem;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

/** The caller may see the resource but not do this to it; the answer carries no data. */
public final class Forbidden extends HttpStatusException {

    public Forbidden(String what) {
        super(HttpStatus.FORBIDDEN, what);
    }
}
