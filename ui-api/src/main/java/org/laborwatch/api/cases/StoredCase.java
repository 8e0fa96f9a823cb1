package org.laborwatch.api.cases;

/** A case as read, with the version Elasticsearch gave it: a write succeeds only if that version is still current. */
record StoredCase(Case value, long seqNo, long primaryTerm) {

    /** The HTTP entity tag of this version ({@code ETag}, {@code If-Match}). */
    String etag() {
        return "\"" + seqNo + "-" + primaryTerm + "\"";
    }
}
