package org.laborwatch.api.cases;

import io.micronaut.http.HttpStatus;

/**
 * A change the case as it now stands does not allow (409), or one sent with an {@code If-Match} version that is no
 * longer current (412). Either way the answer carries the current case and its {@code ETag}, so the caller can look
 * again and decide.
 */
final class CaseConflict extends RuntimeException {
    private final HttpStatus status;
    private final transient StoredCase current;

    private CaseConflict(HttpStatus status, String detail, StoredCase current) {
        super(detail, null, false, false);
        this.status = status;
        this.current = current;
    }

    static CaseConflict notAllowedNow(String detail, StoredCase current) {
        return new CaseConflict(HttpStatus.CONFLICT, detail, current);
    }

    static CaseConflict stale(StoredCase current) {
        return new CaseConflict(HttpStatus.PRECONDITION_FAILED, "If-Match " + "names a version of the case that is no "
                + "longer current (now " + current.etag() + "); read it again and decide", current);
    }

    HttpStatus status() {
        return status;
    }

    StoredCase current() {
        return current;
    }
}
