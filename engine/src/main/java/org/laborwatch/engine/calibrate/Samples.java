package org.laborwatch.engine.calibrate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the model learns from: each enterprise once a week, from its first signal until it erupts, its rules' decayed
 * hits then, and whether it erupted within the horizon after.
 *
 * <p>Weekly, not at each signal: the claim to calibrate is "an enterprise at this score erupts with this probability",
 * for an enterprise met at any time. Sampling at signals would weigh the busy enterprises and the moments right after
 * a hit, when scores are highest, far above the quiet weeks that make up most of a year.
 *
 * <p>Only samples whose horizon ended within the history are kept: an enterprise seen in the last weeks that has not
 * erupted yet may still erupt after the data ends. Keeping those that already did, as the only ones of those weeks,
 * would teach the model that the end of the data is dangerous.
 */
final class Samples {
    static final Duration STEP = Duration.ofDays(7);

    /** @param at when the enterprise was sampled; its label is known from {@code at + horizon} on */
    record Sample(long at, int[] rules, double[] x, boolean positive) {
    }

    private Samples() {
    }

    static List<Sample> weekly(HitHistory history, Outcomes outcomes, Duration horizon, long halfLifeMillis) {
        long start = outcomes.start().toEpochMilli();
        long end = outcomes.end().toEpochMilli();
        long step = STEP.toMillis();
        long h = horizon.toMillis();
        List<Sample> samples = new ArrayList<>();
        for (Map.Entry<String, Instant> e : new TreeMap<>(outcomes.firstSeen()).entrySet()) {
            long first = e.getValue().toEpochMilli();
            long erupts = outcomes.eruptionMillis(e.getKey());
            HitHistory.Course course = history.course(e.getKey());
            long t = start + Math.floorDiv(first - start + step - 1, step) * step;
            for (; t < erupts && t + h <= end; t += step) {
                samples.add(sample(course, t, erupts <= t + h, history.ruleIds().size(), halfLifeMillis));
            }
        }
        // A fixed order, whatever the maps' iteration order: a fit must not depend on it.
        samples.sort((a, b) -> Long.compare(a.at(), b.at()));
        return samples;
    }

    static Sample sample(HitHistory.Course course, long t, boolean positive, int rules, long halfLifeMillis) {
        int i = course == null ? -1 : course.indexAt(t);
        if (i < 0) {
            return new Sample(t, new int[0], new double[0], positive);
        }
        int[] active = course.rules()[i];
        long[] at = course.hitAt()[i];
        double[] x = new double[active.length];
        for (int j = 0; j < active.length; j++) {
            x[j] = Rescoring.decay(t - at[j], halfLifeMillis);
        }
        return new Sample(t, active, x, positive);
    }
}
