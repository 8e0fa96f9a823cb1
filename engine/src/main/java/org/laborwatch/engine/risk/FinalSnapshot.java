package org.laborwatch.engine.risk;

import java.time.Instant;
import java.util.List;
import org.laborwatch.rules.feature.FeatureSummary;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.risk.RiskSnapshot;

/**
 * The parts of an enterprise's latest risk snapshot, kept in state until it is emitted at the end of a file run
 * ({@link RiskConfig.Snapshots#FINAL}). A change replaces it, so most are never emitted; as bare fields and a
 * {@code double[]} it is three objects instead of the sixteen or so of a built {@link RiskSnapshot} with its map of
 * boxed features, every one of which the collector copied on promotion.
 *
 * <p>Never changed once made, so state copies share it ({@link EnterpriseStateSerializer#copy}); {@code features} is
 * an array for the reason above and must not be written to either.
 *
 * @param features {@link FeatureSummary#values}
 */
public record FinalSnapshot(String enterpriseName, String district, String industry, double score, RiskLevel level,
                            long asOf, List<Hit> hits, double[] features, String ruleSetVersion) {

    RiskSnapshot toSnapshot(String enterpriseId) {
        return new RiskSnapshot(enterpriseId, enterpriseName, district, industry, score, level,
                Instant.ofEpochMilli(asOf), hits, FeatureSummary.toMap(features), ruleSetVersion);
    }
}
