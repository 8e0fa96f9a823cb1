package org.laborwatch.engine.calibrate;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.laborwatch.engine.report.Quality;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * The quality report's figures ({@link Quality}) over the held-out months, for a rule set's points: per enterprise,
 * the first moment in those months its score reached ORANGE. The score is re-computed from the hits at every snapshot
 * (where hits change, so where a score can first cross a threshold), with the points in force for that month.
 *
 * <p>As in the quality report, an enterprise counts as alerted whatever its outcome, as a true positive if it erupted
 * (here: within the held-out months), and as early if the warning came at least a day before. Enterprises that
 * erupted before the held-out months are left out: there was nothing left to warn of.
 */
final class HeldOutQuality {
    private HeldOutQuality() {
    }

    /** @param pointsAt the points in force at a moment (today's, or the fold's for that month); null: not held out */
    static Quality of(HitHistory history, Outcomes outcomes, long from, ZoneId zone, long halfLifeMillis,
                      LongFunction<int[]> pointsAt) {
        long end = outcomes.end().toEpochMilli();
        int alerted = 0;
        int tp = 0;
        int early = 0;
        List<Long> leads = new ArrayList<>();
        for (String enterprise : history.enterprises()) {
            long erupts = outcomes.eruptionMillis(enterprise);
            if (erupts < from) {
                continue;
            }
            long warned = firstOrange(history.course(enterprise), from, end, halfLifeMillis, pointsAt);
            if (warned == Long.MAX_VALUE) {
                continue;
            }
            alerted++;
            if (erupts <= end) {
                tp++;
                long lead = ChronoUnit.DAYS.between(day(warned, zone), day(erupts, zone));
                leads.add(lead);
                if (lead > 0) {
                    early++;
                }
            }
        }
        Collections.sort(leads);
        return new Quality(alerted, troubled(outcomes, from, end), tp, early, leads);
    }

    private static long firstOrange(HitHistory.Course course, long from, long end, long halfLifeMillis,
                                    LongFunction<int[]> pointsAt) {
        long[] times = course.times();
        for (int i = 0; i < times.length; i++) {
            long t = times[i];
            if (t < from || t > end) {
                continue;
            }
            int[] points = pointsAt.apply(t);
            if (points != null && Rescoring.score(points, course, i, t, halfLifeMillis)
                    >= RiskLevel.ORANGE.threshold()) {
                return t;
            }
        }
        return Long.MAX_VALUE;
    }

    private static int troubled(Outcomes outcomes, long from, long end) {
        int n = 0;
        for (Map.Entry<String, Instant> e : outcomes.eruptions().entrySet()) {
            long at = e.getValue().toEpochMilli();
            if (at >= from && at <= end) {
                n++;
            }
        }
        return n;
    }

    private static java.time.LocalDate day(long millis, ZoneId zone) {
        return Instant.ofEpochMilli(millis).atZone(zone).toLocalDate();
    }
}
