package org.laborwatch.engine.calibrate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Samples drawn from a known model: each of three rules active at random with a decayed hit, the outcome drawn from
 * the logistic model the given points imply for ORANGE = 50% (score 60 ⇔ P = 0.5). The test data of the calibration
 * tests, so they need no engine run.
 */
final class SyntheticHits {
    static final int RULES = 3;
    static final double BIAS = -4;
    static final long WEEK = 7L * 86_400_000L;

    private SyntheticHits() {
    }

    /** The weight a rule of {@code points} has when ORANGE (60) is P = 0.5 and the bias is {@link #BIAS}. */
    static double weight(int points) {
        return points * -BIAS / 60.0;
    }

    /** {@code n} samples, one week apart in groups of {@code perWeek}, starting at {@code start}. */
    static List<Samples.Sample> draw(int[] points, int n, int perWeek, long start, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Samples.Sample> samples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Integer> rules = new ArrayList<>();
            List<Double> xs = new ArrayList<>();
            double eta = BIAS;
            for (int r = 0; r < RULES; r++) {
                if (random.nextDouble() < 0.3) {
                    double x = Math.pow(0.5, random.nextDouble() * 3); // a hit 0 to 3 half-lives old
                    rules.add(r);
                    xs.add(x);
                    eta += weight(points[r]) * x;
                }
            }
            boolean positive = random.nextDouble() < 1 / (1 + Math.exp(-eta));
            samples.add(new Samples.Sample(start + (i / perWeek) * WEEK,
                    rules.stream().mapToInt(Integer::intValue).toArray(),
                    xs.stream().mapToDouble(Double::doubleValue).toArray(), positive));
        }
        return samples;
    }
}
