package org.laborwatch.api.problem;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

/** Input the service cannot use, with what is wrong with it. */
public final class BadRequest extends HttpStatusException {

    public BadRequest(String what) {
        super(HttpStatus.BAD_REQUEST, what);
    }
}
