package org.laborwatch.engine.risk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.laborwatch.rules.risk.Hit;

/** Turns hits into a 0–100 score at a moment in event time, each hit's points halving every half-life. */
final class Scoring {
    /** A hit fading below this many points no longer explains anything; it is dropped from state. */
    static final double FORGOTTEN_BELOW_POINTS = 0.5;
    static final double MAX_SCORE = 100.0;

    private final long halfLifeMillis;

    Scoring(long halfLifeMillis) {
        this.halfLifeMillis = halfLifeMillis;
    }

    double score(Collection<Hit> hits, long atMillis) {
        double sum = 0;
        for (Hit hit : hits) {
            sum += decayed(hit, atMillis);
        }
        return Math.min(MAX_SCORE, Math.round(sum * 10) / 10.0);
    }

    boolean isForgotten(Hit hit, long atMillis) {
        return decayed(hit, atMillis) < FORGOTTEN_BELOW_POINTS;
    }

    /** Strongest first as of {@code atMillis}, rule id breaking ties so the order never depends on a hash map. */
    List<Hit> strongestFirst(Collection<Hit> hits, long atMillis) {
        List<Weighted> weighted = new ArrayList<>(hits.size());
        for (Hit hit : hits) {
            weighted.add(new Weighted(hit, decayed(hit, atMillis)));
        }
        weighted.sort(Comparator.comparingDouble((Weighted w) -> -w.points).thenComparing(w -> w.hit.ruleId()));
        List<Hit> ordered = new ArrayList<>(weighted.size());
        for (Weighted w : weighted) {
            ordered.add(w.hit);
        }
        return ordered;
    }

    private double decayed(Hit hit, long atMillis) {
        return hit.decayedPoints(atMillis - hit.at().toEpochMilli(), halfLifeMillis);
    }

    private record Weighted(Hit hit, double points) {
    }
}
