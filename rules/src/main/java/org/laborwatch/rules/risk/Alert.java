package org.laborwatch.rules.risk;

import java.time.Instant;
import java.util.List;

/**
 * A graded early warning for one enterprise, with its explanation. Everything in it derives from event time and
 * input, never from the wall clock, so a replay writes the same record under the same {@code id}.
 */
public record Alert(
        String id,
        String enterpriseId,
        String enterpriseName,
        String district,
        String industry,
        RiskLevel level,
        RiskLevel previousLevel,
        double score,
        double previousScore,
        Instant raisedAt,
        String triggerSignalId,
        String ruleSetVersion,
        boolean critical,
        List<Agency> agencies,
        List<Hit> hits,
        List<SignalSummary> signals) {

    public Alert {
        agencies = List.copyOf(agencies);
        hits = List.copyOf(hits);
        signals = List.copyOf(signals);
    }

    public Agency lead() {
        return agencies.get(0);
    }
}
