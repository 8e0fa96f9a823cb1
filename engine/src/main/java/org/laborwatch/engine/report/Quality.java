package org.laborwatch.engine.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.laborwatch.engine.generate.GroundTruth;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * How well ORANGE-and-above alerts picked out the enterprises that really erupted, and how early.
 *
 * @param leadDays for every troubled enterprise alerted, days from its first ORANGE+ alert to its eruption
 *                 (negative when the first alert came after it)
 */
public record Quality(int alerted, int troubled, int truePositives, int early, List<Long> leadDays) {

    public static Quality of(List<Alert> alerts, GroundTruth truth, ZoneId zone) {
        Map<String, Alert> firstSerious = new HashMap<>();
        for (Alert alert : alerts) {
            if (alert.level().isAtLeast(RiskLevel.ORANGE)) {
                firstSerious.merge(alert.enterpriseId(), alert,
                        (a, b) -> a.raisedAt().isBefore(b.raisedAt()) ? a : b);
            }
        }
        int tp = 0;
        int early = 0;
        List<Long> leads = new ArrayList<>();
        for (Alert first : firstSerious.values()) {
            GroundTruth.Entry entry = truth.entries().get(first.enterpriseId());
            if (entry == null || !entry.troubled()) {
                continue;
            }
            tp++;
            long lead = leadDays(first.raisedAt(), entry.eruptsOn(), zone);
            leads.add(lead);
            if (lead > 0) {
                early++;
            }
        }
        Collections.sort(leads);
        return new Quality(firstSerious.size(), (int) truth.troubledCount(), tp, early, leads);
    }

    /** Days from an alert (its calendar day where the city is) to an eruption; negative when the alert came after. */
    public static long leadDays(Instant alert, LocalDate eruptsOn, ZoneId zone) {
        return ChronoUnit.DAYS.between(alert.atZone(zone).toLocalDate(), eruptsOn);
    }

    public double precision() {
        return alerted == 0 ? 0 : (double) truePositives / alerted;
    }

    public double recall() {
        return troubled == 0 ? 0 : (double) truePositives / troubled;
    }

    /** Share of troubled enterprises warned at ORANGE+ at least a day before they erupted: the early warning. */
    public double earlyRecall() {
        return troubled == 0 ? 0 : (double) early / troubled;
    }

    public Double medianLeadDays() {
        if (leadDays.isEmpty()) {
            return null;
        }
        int n = leadDays.size();
        return n % 2 == 1 ? leadDays.get(n / 2) : (leadDays.get(n / 2 - 1) + leadDays.get(n / 2)) / 2.0;
    }
}
