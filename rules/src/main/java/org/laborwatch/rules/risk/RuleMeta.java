package org.laborwatch.rules.risk;

import java.util.List;
import java.util.Set;
import org.laborwatch.rules.fact.SignalType;

/**
 * What a rule declares about itself in DRL metadata: {@code @id}, {@code @points}, {@code @agencies} (lead first),
 * optionally {@code @critical} and {@code @evidence} (the signal types whose recent signals explain a hit).
 */
public record RuleMeta(String ruleName, String id, int points, List<Agency> agencies, boolean critical,
                       Set<SignalType> evidence) {

    public RuleMeta {
        agencies = List.copyOf(agencies);
        evidence = Set.copyOf(evidence);
    }
}
