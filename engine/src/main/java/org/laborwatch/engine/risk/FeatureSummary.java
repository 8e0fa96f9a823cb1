package org.laborwatch.engine.risk;

import java.util.LinkedHashMap;
import java.util.Map;
import org.laborwatch.rules.feature.EnterpriseFeatures;

/** The few features an analyst reads next to a score; the full set stays in the engine. */
final class FeatureSummary {

    private FeatureSummary() {
    }

    static Map<String, Double> of(EnterpriseFeatures f) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("complaints30d", (double) f.complaints30d());
        m.put("distinctComplainants30d", (double) f.distinctComplainants30d());
        m.put("consultations30d", (double) f.consultations30d());
        m.put("wageArrearsMonthsMax", (double) f.wageArrearsMonthsMax());
        m.put("wageArrearsAmount90d", f.wageArrearsAmount90d());
        m.put("payrollDelays90d", (double) f.payrollDelays90d());
        m.put("socialInsuranceMonthsMax", (double) f.socialInsuranceMonthsMax());
        m.put("utilityMonthsMax", (double) f.utilityMonthsMax());
        m.put("arbitrationCases90d", (double) f.arbitrationCases90d());
        m.put("lawsuits90d", (double) f.lawsuits90d());
        m.put("redEpisodes", (double) f.redEpisodes());
        return m;
    }
}
