package org.laborwatch.connectors.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import org.elasticsearch.client.ResponseException;

/**
 * The HTTP status Elasticsearch answered with, however the client reports it: as its typed exception, as the
 * transport's, or as the low-level client's (a 409 of a conditional write arrives that way).
 */
public final class ElasticsearchStatus {

    private ElasticsearchStatus() {
    }

    /** The status, or -1 when the failure is not an answer of Elasticsearch (it could not be reached). */
    public static int of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ElasticsearchException e) {
                return e.status();
            }
            if (t instanceof ResponseException e) {
                return e.getResponse().getStatusLine().getStatusCode();
            }
            if (t instanceof TransportException e && e.statusCode() > 0) {
                return e.statusCode();
            }
        }
        return -1;
    }

    public static boolean isConflict(Throwable failure) {
        return of(failure) == 409;
    }

    public static boolean isNotFound(Throwable failure) {
        return of(failure) == 404;
    }
}
