package org.laborwatch.connectors.elasticsearch;

import java.io.Serializable;

/**
 * One document write, as the sink buffers, checkpoints and retries it. Every write is idempotent, so a retry or a
 * replay after a restore cannot duplicate or regress anything:
 * <ul>
 *   <li>{@link #create}: a document whose id says what it is (an alert id, a signal's dedupe key). A second write
 *       of the same id is refused with 409 and counts as done.</li>
 *   <li>{@link #versioned}: the latest of something (an enterprise's risk), versioned by event time with
 *       {@code version_type=external_gte}: a write older than the stored one is refused with 409, so a replay
 *       never moves a score backwards.</li>
 * </ul>
 *
 * @param version the event time in epoch milliseconds for a versioned write, or {@link #CREATE} for a create
 */
public record EsAction(String index, String id, long version, byte[] document) implements Serializable {
    public static final long CREATE = -1;

    public static EsAction create(String index, String id, byte[] document) {
        return new EsAction(index, id, CREATE, document);
    }

    public static EsAction versioned(String index, String id, long version, byte[] document) {
        if (version < 0) {
            throw new IllegalArgumentException("external versions are not negative: " + version);
        }
        return new EsAction(index, id, version, document);
    }

    public boolean isCreate() {
        return version == CREATE;
    }

    /** What the request costs in the bulk body, roughly: the document plus its action line. */
    long sizeInBytes() {
        return document.length + index.length() + id.length() + 64L;
    }
}
