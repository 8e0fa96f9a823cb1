package org.laborwatch.rules.feature;

import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * What the rules see of an enterprise at the moment a signal is judged: counts and sums over sliding event-time
 * horizons, the enterprise's own baseline, and what it has been through before. Built by {@link FeatureCalculator}.
 *
 * <p>The named components cover what the rule library uses and read well in DRL
 * ({@code EnterpriseFeatures( complaints30d >= 3 )}); {@link #count} and {@link #amount} reach every signal type at
 * every horizon for anything else.
 *
 * <p>{@code workforce} is the enterprise's size in workers, 0 when unknown: the {@code workers} of its latest
 * {@code ENTERPRISE_STATUS} signal that gives one (the registry's insured headcount), else the most workers a
 * {@code SOCIAL_INSURANCE_ARREARS} signal covered (arrears are owed for every insured worker), within the history kept.
 *
 * <p>It carries the signal being judged and its type: a rule that starts with {@code signalType == SignalType.X}
 * lets Drools hash its network by type, so a signal only meets the constraints of rules about its own kind. That,
 * not the constraints themselves, is most of the cost of evaluation (docs/benchmarks.md).
 */
public record EnterpriseFeatures(
        Signal signal,
        SignalType signalType,
        String enterpriseId,
        String industry,
        String district,
        int workforce,
        int complaints7d,
        int complaints30d,
        double complaintBaseline30d,
        int distinctComplainants30d,
        int consultations30d,
        double consultationBaseline30d,
        int wageArrears90d,
        int wageArrearsMonthsMax,
        double wageArrearsAmount90d,
        int wageArrearsWorkersMax,
        int payrollDelays30d,
        int payrollDelays90d,
        int socialInsuranceMonthsMax,
        int utilityMonthsMax,
        int taxArrears90d,
        int arbitrationCases90d,
        int lawsuits90d,
        int layoffWorkers90d,
        int collectiveIncidents30d,
        int legalAid30d,
        boolean statusAbnormal,
        String lastCaseOutcome,
        int unresolvedCases90d,
        double recovered90d,
        int redEpisodes,
        RiskLevel currentLevel,
        int[] counts,
        double[] amounts) {

    /** How many signals of a type arrived within the last {@code days} (7, 30 or 90), the current one included. */
    public int count(SignalType type, int days) {
        return counts[slot(type, days)];
    }

    /** The summed {@code amount} in yuan of a type's signals within the last {@code days} (7, 30 or 90). */
    public double amount(SignalType type, int days) {
        return amounts[slot(type, days)];
    }

    static int slot(SignalType type, int days) {
        return type.ordinal() * Horizons.DAYS.length + Horizons.index(days);
    }

    /**
     * Identity, not the record's component-wise equality: a features fact is one moment of one enterprise, and
     * comparing 80-odd counters whenever a collection or Drools asks would cost more than the rules themselves.
     */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "EnterpriseFeatures[" + enterpriseId + ", complaints30d=" + complaints30d
                + ", wageArrearsMonthsMax=" + wageArrearsMonthsMax + ", level=" + currentLevel + "]";
    }
}
