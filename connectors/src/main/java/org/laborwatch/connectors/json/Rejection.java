package org.laborwatch.connectors.json;

/** Why an input record was not accepted. The codes are stable: dashboards and the DLQ consumers key on them. */
public enum Rejection {
    MALFORMED_JSON,
    NOT_AN_OBJECT,
    OVERSIZE,
    MISSING_FIELD,
    BAD_FIELD,
    UNKNOWN_TYPE,
    UNKNOWN_SOURCE,
    UNKNOWN_DISTRICT,
    BAD_CREDIT_CODE,
    BAD_TIME,
    FUTURE_TIME,
    NEGATIVE_NUMBER,
    /** Arrived behind the watermark by more than the allowed lateness; judged by the engine, not the codec. */
    LATE
}
