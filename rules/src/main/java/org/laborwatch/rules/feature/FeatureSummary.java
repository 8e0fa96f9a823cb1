package org.laborwatch.rules.feature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few features an analyst reads next to a score: the {@code features} of a risk snapshot. The engine fills them
 * in; the service labels them by the same names, so there is one list of them, here, next to the features.
 */
public final class FeatureSummary {
    /**
     * The names, in the order of {@link #values}. The engine keeps bare values in this order in its state (a
     * savepoint holds them), so a new name goes at the end and none is ever reordered or removed.
     */
    public static final List<String> NAMES = List.of(
            "complaints30d", "distinctComplainants30d", "consultations30d", "wageArrearsMonthsMax",
            "wageArrearsAmount90d", "payrollDelays90d", "socialInsuranceMonthsMax", "utilityMonthsMax",
            "arbitrationCases90d", "lawsuits90d", "redEpisodes", "workforce");

    private FeatureSummary() {
    }

    public static Map<String, Double> of(EnterpriseFeatures f) {
        return toMap(values(f));
    }

    /** The summary as bare numbers, in {@link #NAMES} order: what a snapshot kept for later holds. */
    public static double[] values(EnterpriseFeatures f) {
        return new double[] {
            f.complaints30d(), f.distinctComplainants30d(), f.consultations30d(), f.wageArrearsMonthsMax(),
            f.wageArrearsAmount90d(), f.payrollDelays90d(), f.socialInsuranceMonthsMax(), f.utilityMonthsMax(),
            f.arbitrationCases90d(), f.lawsuits90d(), f.redEpisodes(), f.workforce(),
        };
    }

    /**
     * {@link #NAMES} to {@code values}, in that order. Fewer values than names come from state written before the
     * later names were added (a savepoint of an older version): they are labelled as far as they go, and the newer
     * names are left out rather than given a value nobody measured.
     */
    public static Map<String, Double> toMap(double[] values) {
        if (values.length > NAMES.size()) {
            throw new IllegalArgumentException("a feature summary has at most " + NAMES.size() + " values, not "
                    + values.length);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(NAMES.get(i), values[i]);
        }
        return m;
    }
}
