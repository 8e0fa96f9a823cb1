package org.laborwatch.api.enterprise;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.laborwatch.api.alert.Acknowledgement;
import org.laborwatch.api.alert.StoredAlert;
import org.laborwatch.api.alert.Views;
import org.laborwatch.api.privacy.Masking;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.risk.RiskSnapshot;

/**
 * Any document of an enterprise lookup — its risk snapshot, one of its alerts, one of its signals — in one shape, so
 * the three searches of one {@code _msearch} bind straight from the response in one pass. Reading them as trees first
 * and converting each tree took a quarter of a lookup's time (docs/benchmarks.md).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record LookupDocument(
        // a risk snapshot (and the names an alert shares)
        String enterpriseId, String enterpriseName, String district, String industry, Double score, RiskLevel level,
        Instant asOf, List<Hit> hits, Map<String, Double> features, String ruleSetVersion,
        // an alert, without its evidence signals (the lookup does not show them)
        String id, RiskLevel previousLevel, Double previousScore, Instant raisedAt, String triggerSignalId,
        Boolean critical, List<Agency> agencies, List<Acknowledgement> acknowledgements,
        // a signal
        String type, String source, Instant occurredAt, BigDecimal amount, Integer workers, Integer months,
        Map<String, Object> attributes) {

    RiskSnapshot risk() {
        return new RiskSnapshot(enterpriseId, enterpriseName, district, industry, orZero(score), level, asOf,
                orEmpty(hits), features == null ? Map.of() : features, ruleSetVersion);
    }

    StoredAlert alert() {
        Alert alert = new Alert(id, enterpriseId, enterpriseName, district, industry, level, previousLevel,
                orZero(score), orZero(previousScore), raisedAt, triggerSignalId, ruleSetVersion,
                Boolean.TRUE.equals(critical), orEmpty(agencies), orEmpty(hits), List.of());
        return new StoredAlert(alert, orEmpty(acknowledgements), -1, -1);
    }

    Views.SignalView signal(ZoneId zone) {
        return new Views.SignalView(id, type, source, Views.at(occurredAt, zone), amount, workers, months,
                Masking.attributes(attributes == null ? Map.of() : attributes));
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
