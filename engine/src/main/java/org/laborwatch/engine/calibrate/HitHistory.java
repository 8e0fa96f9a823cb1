package org.laborwatch.engine.calibrate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.risk.RiskSnapshot;

/**
 * Every enterprise's active hits over time, from the risk snapshots of one engine run. The engine publishes a
 * snapshot whenever its hits change, so between two snapshots an enterprise's hit set is the earlier one's, and the
 * score at any moment follows from the last snapshot at or before it.
 *
 * <p>A hit of no points in a snapshot is a settlement's explanation ({@code hits.settle}), which counts for nothing
 * and is not kept: it is left out here too.
 */
final class HitHistory {
    /**
     * One enterprise's snapshots in event-time order; for each, the rules (as indexes) active and their hit times, and
     * the score the engine gave it.
     */
    record Course(long[] times, int[][] rules, long[][] hitAt, double[] engineScores) {
        /** The last snapshot at or before {@code t}, or -1 before the first. */
        int indexAt(long t) {
            int lo = 0;
            int hi = times.length - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (times[mid] <= t) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }
    }

    private final List<String> ruleIds;
    private final Map<String, Course> courses;
    private final int[] hitCounts;

    private HitHistory(List<String> ruleIds, Map<String, Course> courses, int[] hitCounts) {
        this.ruleIds = ruleIds;
        this.courses = courses;
        this.hitCounts = hitCounts;
    }

    /** @param ruleIds the rules to follow, in the order features are numbered; hits of other rules are ignored */
    static HitHistory of(List<RiskSnapshot> snapshots, List<String> ruleIds) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ruleIds.size(); i++) {
            index.put(ruleIds.get(i), i);
        }
        Map<String, List<RiskSnapshot>> byEnterprise = new HashMap<>();
        for (RiskSnapshot s : snapshots) {
            byEnterprise.computeIfAbsent(s.enterpriseId(), e -> new ArrayList<>()).add(s);
        }
        int[] hitCounts = new int[ruleIds.size()];
        Map<String, Course> courses = new HashMap<>();
        for (Map.Entry<String, List<RiskSnapshot>> e : byEnterprise.entrySet()) {
            courses.put(e.getKey(), course(e.getValue(), index, hitCounts));
        }
        return new HitHistory(List.copyOf(ruleIds), courses, hitCounts);
    }

    private static Course course(List<RiskSnapshot> snapshots, Map<String, Integer> index, int[] hitCounts) {
        // Stable: two snapshots at one instant stay in the order the engine wrote them, the later one last.
        snapshots.sort(Comparator.comparing(RiskSnapshot::asOf));
        int n = snapshots.size();
        long[] times = new long[n];
        int[][] rules = new int[n][];
        long[][] hitAt = new long[n][];
        double[] scores = new double[n];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            RiskSnapshot s = snapshots.get(i);
            times[i] = s.asOf().toEpochMilli();
            scores[i] = s.score();
            List<Hit> counted = s.hits().stream().filter(h -> h.points() > 0 && index.containsKey(h.ruleId()))
                    .toList();
            rules[i] = new int[counted.size()];
            hitAt[i] = new long[counted.size()];
            for (int j = 0; j < counted.size(); j++) {
                Hit h = counted.get(j);
                rules[i][j] = index.get(h.ruleId());
                hitAt[i][j] = h.at().toEpochMilli();
                if (seen.add(h.ruleId() + '@' + hitAt[i][j])) {
                    hitCounts[rules[i][j]]++;
                }
            }
        }
        return new Course(times, rules, hitAt, scores);
    }

    List<String> ruleIds() {
        return ruleIds;
    }

    Course course(String enterpriseId) {
        return courses.get(enterpriseId);
    }

    Set<String> enterprises() {
        return courses.keySet();
    }

    /**
     * How many snapshots the re-scoring with {@code points} (today's) puts at another score than the engine did: 0 when
     * the features here are the engine's own. A hit the engine forgot (under half a point) and another that reads
     * the score differently would show here.
     */
    int disagreements(int[] points, long halfLifeMillis) {
        int n = 0;
        for (Course c : courses.values()) {
            for (int i = 0; i < c.times().length; i++) {
                if (Math.abs(Rescoring.score(points, c, i, c.times()[i], halfLifeMillis) - c.engineScores()[i])
                        > 0.1 + 1e-9) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Distinct hits (enterprise, rule, time) of each rule over the whole history. */
    int[] hitCounts() {
        return hitCounts.clone();
    }
}
