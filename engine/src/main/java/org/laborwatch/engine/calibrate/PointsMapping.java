package org.laborwatch.engine.calibrate;

import org.laborwatch.rules.risk.RiskLevel;

/**
 * From the model's weights to whole points, so that ORANGE means the stated probability: with P = σ(b + w·x) and
 * ORANGE at score T, points = w · T / (logit p − b) make the score T exactly where P = p (score = T · (η − b) /
 * (logit p − b), with η = b + w·x). The cap of 100 does not touch this (T < 100), and a rule whose points would pass
 * 100 already reaches ORANGE alone either way. Rounding to whole points moves a score by at most half a point per
 * active rule.
 *
 * @param probability the stated probability of a dispute within the horizon at ORANGE
 * @param threshold   the ORANGE score ({@link RiskLevel#ORANGE})
 * @param noSignalZ   a rule whose weight is not this many standard errors above 0 carries no signal
 */
record PointsMapping(double probability, int threshold, double noSignalZ) {
    static final int MAX_POINTS = 100;
    static final double DEFAULT_NO_SIGNAL_Z = 2.0;

    static PointsMapping orange(double probability) {
        return new PointsMapping(probability, RiskLevel.ORANGE.threshold(), DEFAULT_NO_SIGNAL_Z);
    }

    enum Verdict {
        /** Points from the fit. */
        FITTED,
        /** Hits in the history, but no evidence that they raise the chance of a dispute: 0 points. */
        NO_SIGNAL,
        /** Active in no sample (it fires only at or after a dispute, or never): nothing to learn from; points stay. */
        NO_HITS
    }

    record Proposal(int[] points, Verdict[] verdicts, double scale) {
    }

    /** Points per score unit of η − b; fails when the base rate alone already reaches the stated probability. */
    double scale(LogisticFit.Weights w) {
        double gap = logit(probability) - w.bias();
        if (gap <= 0) {
            throw new IllegalArgumentException(String.format(
                    "with no rule hit, P(dispute) is already %.1f%%, at or above the %.0f%% ORANGE is to mean: "
                            + "no points can make that so (choose a higher --probability or a shorter --horizon)",
                    100 / (1 + Math.exp(-w.bias())), probability * 100));
        }
        return threshold / gap;
    }

    /**
     * @param current the rule set's points today, kept for rules without hits
     * @param hits    each rule's active samples (or hits) in the history the weights were fitted on
     */
    Proposal propose(LogisticFit.Weights w, int[] current, int[] hits) {
        double scale = scale(w);
        int[] points = new int[current.length];
        Verdict[] verdicts = new Verdict[current.length];
        for (int r = 0; r < current.length; r++) {
            if (hits[r] == 0) {
                points[r] = current[r];
                verdicts[r] = Verdict.NO_HITS;
                continue;
            }
            int fitted = (int) Math.max(0, Math.min(MAX_POINTS, Math.round(w.w()[r] * scale)));
            // A weight within noise of 0 would still add points by chance; a rule earns points by evidence.
            if (w.z(r) < noSignalZ || fitted == 0) {
                points[r] = 0;
                verdicts[r] = Verdict.NO_SIGNAL;
            } else {
                points[r] = fitted;
                verdicts[r] = Verdict.FITTED;
            }
        }
        return new Proposal(points, verdicts, scale);
    }

    /** The probability the fitted model gives an enterprise at {@code score}: what each level now means. */
    double probabilityAt(LogisticFit.Weights w, double score) {
        return 1 / (1 + Math.exp(-(w.bias() + score / scale(w))));
    }

    static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
