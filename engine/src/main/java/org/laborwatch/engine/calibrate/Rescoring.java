package org.laborwatch.engine.calibrate;

/**
 * The engine's score ({@code risk/Scoring}) from a snapshot's hits under other points: each hit's points halving every
 * half-life, summed, rounded to a tenth, capped at 100. The same formula, so "before" here is the engine's own score.
 */
final class Rescoring {
    static final double MAX_SCORE = 100.0;
    private static final double LN_2 = Math.log(2);

    private Rescoring() {
    }

    /** What one point of a hit still counts {@code ageMillis} after it: the feature the model weighs. */
    static double decay(long ageMillis, long halfLifeMillis) {
        return ageMillis <= 0 ? 1.0 : Math.exp(-LN_2 * ageMillis / halfLifeMillis);
    }

    /** The score at {@code t} of the course's snapshot {@code i} (the last one at or before {@code t}). */
    static double score(int[] points, HitHistory.Course course, int i, long t, long halfLifeMillis) {
        if (i < 0) {
            return 0;
        }
        double sum = 0;
        int[] rules = course.rules()[i];
        long[] at = course.hitAt()[i];
        for (int j = 0; j < rules.length; j++) {
            sum += points[rules[j]] * decay(t - at[j], halfLifeMillis);
        }
        return Math.min(MAX_SCORE, Math.round(sum * 10) / 10.0);
    }
}
