package org.laborwatch.engine.backtest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * What one rule set made of one enterprise over the whole backtest: the highest level it was alerted at, and when it
 * was first alerted at ORANGE or above (null if never), the alert the quality figures and lead times count from.
 */
public record EnterpriseOutcome(String enterpriseId, String name, String district, RiskLevel highest,
                                Instant firstOrange) {

    /** An enterprise a rule set never alerted on: it stays at NONE. */
    static EnterpriseOutcome quiet(String enterpriseId, String name, String district) {
        return new EnterpriseOutcome(enterpriseId, name, district, RiskLevel.NONE, null);
    }

    /** Per enterprise, in the order of their first alert (alerts come sorted by time). */
    static Map<String, EnterpriseOutcome> of(List<Alert> alerts) {
        Map<String, EnterpriseOutcome> outcomes = new LinkedHashMap<>();
        for (Alert alert : alerts) {
            outcomes.merge(alert.enterpriseId(), from(alert), EnterpriseOutcome::and);
        }
        return outcomes;
    }

    boolean flagged(RiskLevel atLeast) {
        return highest.isAtLeast(atLeast);
    }

    private static EnterpriseOutcome from(Alert alert) {
        return new EnterpriseOutcome(alert.enterpriseId(), alert.enterpriseName(), alert.district(), alert.level(),
                alert.level().isAtLeast(RiskLevel.ORANGE) ? alert.raisedAt() : null);
    }

    private EnterpriseOutcome and(EnterpriseOutcome later) {
        RiskLevel top = later.highest.isAtLeast(highest) ? later.highest : highest;
        Instant orange = firstOrange == null || later.firstOrange != null && later.firstOrange.isBefore(firstOrange)
                ? later.firstOrange : firstOrange;
        return new EnterpriseOutcome(enterpriseId, name != null ? name : later.name,
                district != null ? district : later.district, top, orange);
    }
}
