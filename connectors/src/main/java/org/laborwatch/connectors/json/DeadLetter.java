package org.laborwatch.connectors.json;

import java.time.Instant;

/**
 * A rejected input record, kept whole so nothing is lost: fix the cause and re-feed {@code raw}.
 *
 * @param raw    the input as received, cut only past {@link SignalCodec#MAX_RECORD_CHARS} (then {@code truncated})
 * @param origin where it came from: {@code file:line} or {@code topic/partition@offset}
 * @param at     when it was rejected (wall clock: a dead letter is a log entry, not a replayable result)
 */
public record DeadLetter(Reason reason, String raw, boolean truncated, String origin, Instant at) {

    public record Reason(Rejection code, String message) {
    }

    public static DeadLetter of(Rejection code, String message, String raw, String origin, Instant at) {
        boolean truncated = raw != null && raw.length() > SignalCodec.MAX_RECORD_CHARS;
        String kept = truncated ? raw.substring(0, SignalCodec.MAX_RECORD_CHARS) : raw;
        return new DeadLetter(new Reason(code, message), kept, truncated, origin, at);
    }
}
