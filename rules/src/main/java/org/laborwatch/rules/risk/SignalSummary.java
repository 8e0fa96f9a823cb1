package org.laborwatch.rules.risk;

import java.time.Instant;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.feature.Trace;

/** A signal as an alert shows it as evidence: what, when, how much, how many. */
public record SignalSummary(String id, SignalType type, Instant occurredAt, Double amount, Integer workers,
                            Integer months) {

    public static SignalSummary of(Trace t) {
        return new SignalSummary(t.signalId(), t.type(), Instant.ofEpochMilli(t.at()),
                t.amount() > 0 ? t.amount() : null, t.workers() > 0 ? t.workers() : null,
                t.months() > 0 ? t.months() : null);
    }
}
