package org.laborwatch.engine.risk;

import java.util.LinkedHashMap;
import java.util.Map;
import org.laborwatch.rules.feature.EnterpriseFeatures;

/** The few features an analyst reads next to a score; the full set stays in the engine. */
final class FeatureSummary {
    private static final String[] NAMES = {
        "complaints30d", "distinctComplainants30d", "consultations30d", "wageArrearsMonthsMax", "wageArrearsAmount90d",
        "payrollDelays90d", "socialInsuranceMonthsMax", "utilityMonthsMax", "arbitrationCases90d", "lawsuits90d",
        "redEpisodes",
    };

    private FeatureSummary() {
    }

    static Map<String, Double> of(EnterpriseFeatures f) {
        return toMap(values(f));
    }

    /** The summary as bare numbers, in {@link #NAMES} order: what a snapshot kept for later holds. */
    static double[] values(EnterpriseFeatures f) {
        return new double[] {
            f.complaints30d(), f.distinctComplainants30d(), f.consultations30d(), f.wageArrearsMonthsMax(),
            f.wageArrearsAmount90d(), f.payrollDelays90d(), f.socialInsuranceMonthsMax(), f.utilityMonthsMax(),
            f.arbitrationCases90d(), f.lawsuits90d(), f.redEpisodes(),
        };
    }

    static Map<String, Double> toMap(double[] values) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.length; i++) {
            m.put(NAMES[i], values[i]);
        }
        return m;
    }
}
