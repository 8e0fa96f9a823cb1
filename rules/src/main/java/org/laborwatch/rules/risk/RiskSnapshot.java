package org.laborwatch.rules.risk;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An enterprise's current risk, upserted by {@code enterpriseId}; {@code asOf} (event time) orders versions so an
 * older snapshot never overwrites a newer one.
 */
public record RiskSnapshot(
        String enterpriseId,
        String enterpriseName,
        String district,
        String industry,
        double score,
        RiskLevel level,
        Instant asOf,
        List<Hit> hits,
        Map<String, Double> features,
        String ruleSetVersion) {

    public RiskSnapshot {
        hits = List.copyOf(hits);
        features = Map.copyOf(features);
    }
}
