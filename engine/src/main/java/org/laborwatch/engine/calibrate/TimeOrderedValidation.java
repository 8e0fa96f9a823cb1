package org.laborwatch.engine.calibrate;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fit on earlier months, score a later one, never on what was fitted. For each held-out month, the model is fitted on
 * the samples whose horizon had ended when the month began, so no label it learns from could have been known only
 * later, and its points then score that month alone.
 *
 * <p>Held-out months start once at least {@link #MIN_TRAINING} of labelled samples lie before them (the horizon plus
 * that long after the data starts). The regularisation is chosen here too: the cost whose folds predict their months
 * best (mean log-loss over every held-out sample) is the one the proposal is fitted with.
 */
final class TimeOrderedValidation {
    static final Duration MIN_TRAINING = Duration.ofDays(60);
    static final double[] COSTS = {0.01, 0.1, 1, 10};
    static final double DEFAULT_COST = 1;

    /**
     * @param latestTrainingSampleAt the latest sample the fit saw; its horizon ended at or before {@code start}
     */
    record Fold(YearMonth month, long start, long end, int trainingSamples, long trainingPositives,
                long latestTrainingSampleAt, LogisticFit.Weights weights, PointsMapping.Proposal proposal) {
    }

    /**
     * @param lossByCost per cost tried, the mean log-loss of its folds on their held-out months' samples
     * @param skipped    held-out months whose training held no dispute (or nothing else): not scored
     */
    record Result(double cost, Map<Double, Double> lossByCost, List<Fold> folds, List<YearMonth> skipped,
                  long heldOutFrom) {
        /** The fold scoring the month of {@code t}, or null outside the held-out months. */
        Fold foldAt(long t) {
            for (Fold f : folds) {
                if (t >= f.start() && t < f.end()) {
                    return f;
                }
            }
            return null;
        }
    }

    private TimeOrderedValidation() {
    }

    static Result run(List<Samples.Sample> samples, Outcomes outcomes, Duration horizon, ZoneId zone,
                      PointsMapping mapping, int[] current) {
        int rules = current.length;
        List<YearMonth> months = heldOutMonths(outcomes, horizon, zone);
        Map<Double, List<Fold>> foldsByCost = new LinkedHashMap<>();
        Map<Double, Double> lossByCost = new LinkedHashMap<>();
        List<YearMonth> skipped = new ArrayList<>();
        for (double c : COSTS) {
            List<Fold> folds = new ArrayList<>();
            double loss = 0;
            long scored = 0;
            skipped.clear();
            for (YearMonth month : months) {
                Fold fold = fold(samples, month, zone, horizon, c, mapping, current);
                if (fold == null) {
                    skipped.add(month);
                    continue;
                }
                List<Samples.Sample> test = heldOut(samples, fold);
                loss += LogisticFit.logLoss(test, fold.weights()) * test.size();
                scored += test.size();
                folds.add(fold);
            }
            foldsByCost.put(c, folds);
            lossByCost.put(c, scored == 0 ? Double.NaN : loss / scored);
        }
        double best = DEFAULT_COST;
        for (Map.Entry<Double, Double> e : lossByCost.entrySet()) {
            if (!e.getValue().isNaN() && (lossByCost.get(best).isNaN() || e.getValue() < lossByCost.get(best))) {
                best = e.getKey();
            }
        }
        long heldOutFrom = months.isEmpty() ? Long.MAX_VALUE
                : months.get(0).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        return new Result(best, lossByCost, foldsByCost.get(best), List.copyOf(skipped), heldOutFrom);
    }

    /**
     * One held-out month: the fit on the samples whose label was known when it began ({@code at + horizon <= start}),
     * and the points it proposes. Nothing from the month itself or after reaches the fit.
     *
     * @return null when those samples hold no dispute (or nothing else): the month cannot be scored
     */
    static Fold fold(List<Samples.Sample> samples, YearMonth month, ZoneId zone, Duration horizon, double c,
                     PointsMapping mapping, int[] current) {
        long start = month.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        long end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        long h = horizon.toMillis();
        List<Samples.Sample> training = samples.stream().filter(s -> s.at() + h <= start).toList();
        try {
            LogisticFit.Weights w = LogisticFit.fit(training, current.length, c);
            PointsMapping.Proposal proposal =
                    mapping.propose(w, current, Calibration.activeCounts(training, current.length));
            long latest = training.stream().mapToLong(Samples.Sample::at).max().orElse(Long.MIN_VALUE);
            return new Fold(month, start, end, training.size(),
                    training.stream().filter(Samples.Sample::positive).count(), latest, w, proposal);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<Samples.Sample> heldOut(List<Samples.Sample> samples, Fold fold) {
        return samples.stream().filter(s -> s.at() >= fold.start() && s.at() < fold.end()).toList();
    }

    /** The calendar months (in the city's zone) that begin at least horizon + {@link #MIN_TRAINING} into the data. */
    static List<YearMonth> heldOutMonths(Outcomes outcomes, Duration horizon, ZoneId zone) {
        Instant earliest = outcomes.start().plus(horizon).plus(MIN_TRAINING);
        YearMonth month = YearMonth.from(earliest.atZone(zone));
        if (month.atDay(1).atStartOfDay(zone).toInstant().isBefore(earliest)) {
            month = month.plusMonths(1);
        }
        YearMonth last = YearMonth.from(outcomes.end().atZone(zone));
        List<YearMonth> months = new ArrayList<>();
        for (; !month.isAfter(last); month = month.plusMonths(1)) {
            months.add(month);
        }
        return months;
    }
}
