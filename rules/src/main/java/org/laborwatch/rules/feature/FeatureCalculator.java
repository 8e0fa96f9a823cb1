package org.laborwatch.rules.feature;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * Computes {@link EnterpriseFeatures} from a history in one pass. Only traces at or before {@code now} count, so a
 * late signal is judged on what was known at its own time.
 */
public final class FeatureCalculator {
    private static final int TYPES = SignalType.values().length;
    private static final int HORIZONS = Horizons.DAYS.length;
    private static final String NORMAL_STATUS = "NORMAL";
    /**
     * Outcomes that leave the matter open: a case the agencies could not resolve, or one they transferred to the
     * procuratorate (the service's {@code TRANSFERRED}: suspected refusal to pay wages is a crime, not a dispute).
     */
    private static final Set<String> UNRESOLVED_OUTCOMES = Set.of("UNRESOLVED", "TRANSFERRED");

    private FeatureCalculator() {
    }

    /**
     * @param signal      the signal being judged (its enterprise names the features); it must already be in history
     * @param redEpisodes how often the enterprise reached RED before
     * @param level       the enterprise's level just before this signal
     */
    public static EnterpriseFeatures compute(Signal signal, SignalHistory history, int redEpisodes, RiskLevel level) {
        return compute(new Acc(), signal, history, redEpisodes, level);
    }

    /**
     * Computes features into working arrays it reuses, for the engine's hot path, where features are evaluated and
     * summarised at once and then dropped. Each result is valid only until the next {@link #compute} on the same
     * instance (its count arrays are overwritten); one instance per thread.
     */
    public static final class Reusing {
        private final Acc acc = new Acc();

        public EnterpriseFeatures compute(Signal signal, SignalHistory history, int redEpisodes, RiskLevel level) {
            acc.reset();
            return FeatureCalculator.compute(acc, signal, history, redEpisodes, level);
        }
    }

    private static EnterpriseFeatures compute(Acc acc, Signal signal, SignalHistory history, int redEpisodes,
                                              RiskLevel level) {
        long now = signal.occurredAtMillis();
        List<Trace> traces = history.getTraces();
        for (Trace trace : traces) {
            if (trace.at() > now) {
                break;
            }
            acc.add(trace, now);
        }
        return acc.toFeatures(signal, redEpisodes, level);
    }

    /**
     * Counts distinct strings. An enterprise has a handful of complainants in a month, so a short array scanned
     * linearly beats a hash set (which allocated a node per complaint on every signal); past {@link #SCAN_LIMIT} it
     * switches to a set, so a complaint storm stays linear.
     */
    private static final class Distinct {
        private static final int SCAN_LIMIT = 16;
        private final String[] few = new String[SCAN_LIMIT];
        private int fewCount;
        private Set<String> many;

        void add(String s) {
            if (many != null) {
                many.add(s);
                return;
            }
            for (int i = 0; i < fewCount; i++) {
                if (few[i].equals(s)) {
                    return;
                }
            }
            if (fewCount < SCAN_LIMIT) {
                few[fewCount++] = s;
                return;
            }
            many = new HashSet<>(Arrays.asList(few));
            many.add(s);
        }

        int size() {
            return many != null ? many.size() : fewCount;
        }

        void reset() {
            Arrays.fill(few, 0, fewCount, null);
            fewCount = 0;
            many = null;
        }
    }

    /** Running sums of one pass; kept apart so {@link #compute} reads as what it does. */
    private static final class Acc {
        final int[] counts = new int[TYPES * HORIZONS];
        final double[] amounts = new double[TYPES * HORIZONS];
        final int[] baseline = new int[TYPES];
        final Distinct complainants30d = new Distinct();
        int wageMonthsMax;
        int wageWorkersMax;
        int socialInsuranceMonthsMax;
        int utilityMonthsMax;
        int layoffWorkers90d;
        int registeredWorkforce;
        long registeredAt;
        int insuredWorkforce;
        String latestStatus;
        String lastOutcome;
        int unresolved90d;
        double recovered90d;

        void add(Trace t, long now) {
            long ageDays = (now - t.at()) / Horizons.DAY_MILLIS;
            int type = t.type().ordinal();
            for (int h = 0; h < HORIZONS; h++) {
                if (ageDays < Horizons.DAYS[h]) {
                    counts[type * HORIZONS + h]++;
                    amounts[type * HORIZONS + h] += t.amount();
                }
            }
            if (ageDays >= Horizons.BASELINE_FROM_DAYS && ageDays < Horizons.BASELINE_TO_DAYS) {
                baseline[type]++;
            }
            if (ageDays < 90) {
                addWithin90Days(t, ageDays);
            }
            if (t.type() == SignalType.ENTERPRISE_STATUS && t.status() != null) {
                latestStatus = t.status();
            }
            addWorkforce(t);
        }

        /** Size is the enterprise's, not the moment's: read from the whole history kept, not a horizon. */
        private void addWorkforce(Trace t) {
            if (t.type() == SignalType.ENTERPRISE_STATUS && t.workers() > 0) {
                // Traces come in time order, so the latest registry figure wins; of two at one instant, the larger,
                // so that the order they arrived in does not matter.
                boolean tie = registeredWorkforce > 0 && t.at() == registeredAt;
                registeredWorkforce = tie ? Math.max(registeredWorkforce, t.workers()) : t.workers();
                registeredAt = t.at();
            } else if (t.type() == SignalType.SOCIAL_INSURANCE_ARREARS) {
                insuredWorkforce = Math.max(insuredWorkforce, t.workers());
            }
        }

        int workforce() {
            return registeredWorkforce > 0 ? registeredWorkforce : insuredWorkforce;
        }

        private void addWithin90Days(Trace t, long ageDays) {
            switch (t.type()) {
                case WAGE_ARREARS -> {
                    wageMonthsMax = Math.max(wageMonthsMax, t.months());
                    wageWorkersMax = Math.max(wageWorkersMax, t.workers());
                }
                case SOCIAL_INSURANCE_ARREARS -> socialInsuranceMonthsMax = Math.max(socialInsuranceMonthsMax, t.months());
                case UTILITY_ARREARS -> utilityMonthsMax = Math.max(utilityMonthsMax, t.months());
                case LAYOFF -> layoffWorkers90d += t.workers();
                case CASE_OUTCOME -> {
                    lastOutcome = t.status();
                    recovered90d += t.amount();
                    // Traces come in time order: a later outcome that settles the matter clears the earlier ones.
                    unresolved90d = UNRESOLVED_OUTCOMES.contains(t.status()) ? unresolved90d + 1 : 0;
                }
                case COMPLAINT, CONSULTATION -> {
                    if (ageDays < 30 && t.party() != null && t.type() == SignalType.COMPLAINT) {
                        complainants30d.add(t.party());
                    }
                }
                default -> {
                }
            }
        }

        void reset() {
            Arrays.fill(counts, 0);
            Arrays.fill(amounts, 0);
            Arrays.fill(baseline, 0);
            complainants30d.reset();
            wageMonthsMax = 0;
            wageWorkersMax = 0;
            socialInsuranceMonthsMax = 0;
            utilityMonthsMax = 0;
            layoffWorkers90d = 0;
            registeredWorkforce = 0;
            registeredAt = 0;
            insuredWorkforce = 0;
            latestStatus = null;
            lastOutcome = null;
            unresolved90d = 0;
            recovered90d = 0;
        }

        int count(SignalType type, int days) {
            return counts[EnterpriseFeatures.slot(type, days)];
        }

        double baselinePer30Days(SignalType type) {
            return baseline[type.ordinal()] / 3.0;
        }

        EnterpriseFeatures toFeatures(Signal s, int redEpisodes, RiskLevel level) {
            boolean abnormal = latestStatus != null && !NORMAL_STATUS.equals(latestStatus);
            return new EnterpriseFeatures(
                    s, s.type(), s.enterpriseId(), s.industry(), s.district(), workforce(),
                    count(SignalType.COMPLAINT, 7),
                    count(SignalType.COMPLAINT, 30),
                    baselinePer30Days(SignalType.COMPLAINT),
                    complainants30d.size(),
                    count(SignalType.CONSULTATION, 30),
                    baselinePer30Days(SignalType.CONSULTATION),
                    count(SignalType.WAGE_ARREARS, 90),
                    wageMonthsMax,
                    amounts[EnterpriseFeatures.slot(SignalType.WAGE_ARREARS, 90)],
                    wageWorkersMax,
                    count(SignalType.PAYROLL_DELAY, 30),
                    count(SignalType.PAYROLL_DELAY, 90),
                    socialInsuranceMonthsMax,
                    utilityMonthsMax,
                    count(SignalType.TAX_ARREARS, 90),
                    count(SignalType.ARBITRATION_CASE, 90),
                    count(SignalType.LAWSUIT, 90),
                    layoffWorkers90d,
                    count(SignalType.COLLECTIVE_INCIDENT, 30),
                    count(SignalType.LEGAL_AID, 30),
                    abnormal,
                    lastOutcome,
                    unresolved90d,
                    recovered90d,
                    redEpisodes,
                    level,
                    counts,
                    amounts);
        }
    }
}
