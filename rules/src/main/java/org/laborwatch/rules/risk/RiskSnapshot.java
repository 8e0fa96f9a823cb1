package org.laborwatch.rules.risk;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        // In name order: Map.copyOf iterates in an order that changes from one JVM to the next, and a replay must
        // write the same bytes.
        features = Collections.unmodifiableMap(new TreeMap<>(features));
    }
}
