package org.laborwatch.rules.feature;

import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalType;

/**
 * What an enterprise's history keeps of one signal: only what features are computed from, so state stays small.
 *
 * @param party  who complained (the {@code complainant} attribute of a complaint), or null; kept for complaints only,
 *               the only signals whose parties a feature counts, so consultations hold no string for 180 days
 * @param status the {@code status} of an enterprise-status signal or the {@code outcome} of a case outcome, or null
 */
public record Trace(String signalId, SignalType type, long at, double amount, int workers,
                   int months, String party, String status) {

    public static final String COMPLAINANT = "complainant";
    public static final String STATUS = "status";
    public static final String OUTCOME = "outcome";

    public static Trace of(Signal signal) {
        String status = switch (signal.type()) {
            case ENTERPRISE_STATUS -> signal.attribute(STATUS);
            case CASE_OUTCOME -> signal.attribute(OUTCOME);
            default -> null;
        };
        return new Trace(signal.id(), signal.type(), signal.occurredAtMillis(), signal.amountYuan(),
                signal.workersOrZero(), signal.monthsOrZero(),
                signal.type() == SignalType.COMPLAINT ? signal.attribute(COMPLAINANT) : null, status);
    }
}
