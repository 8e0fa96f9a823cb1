package org.laborwatch.api.enterprise;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.laborwatch.api.alert.Views;
import org.laborwatch.rules.risk.RiskLevel;

/** What the API shows of enterprises. */
public final class EnterpriseViews {

    private EnterpriseViews() {
    }

    /** An enterprise's risk now, with everything behind it. */
    @Serdeable
    public record EnterpriseRisk(String creditCode, String name, String district, String industry, double score,
                                 RiskLevel level, String levelLabel, @Nullable OffsetDateTime asOf,
                                 @Nullable String ruleSetVersion, List<Views.HitView> activeHits,
                                 Map<String, Double> features, List<Views.SignalView> recentSignals,
                                 List<HistoryPoint> history, List<Views.AlertSummary> alerts) {
    }

    /** The score and level at a time: each alert's before and after, and the snapshot now. */
    @Serdeable
    public record HistoryPoint(OffsetDateTime at, double score, RiskLevel level, String source) {
    }

    /** One search result. */
    @Serdeable
    public record EnterpriseSummary(String creditCode, String name, String district, String industry, double score,
                                    RiskLevel level, String levelLabel, @Nullable OffsetDateTime asOf,
                                    @Nullable String topReason) {
    }

    @Serdeable
    public record EnterprisePage(List<EnterpriseSummary> items, long total, int page, int size) {
    }
}
