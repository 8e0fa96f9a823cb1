package org.laborwatch.engine.backtest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.laborwatch.engine.report.Quality;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * One rule set's backtest: its alerts, counted per ISO week (where the city is) by level and by agency, what it made
 * of each enterprise, and, given a ground truth, its {@link Quality}. An alert counts once for every agency it is
 * routed to: that is each agency's workload.
 *
 * @param quality null without a ground truth
 */
public record BacktestResult(String ruleSetVersion, Inputs inputs, Duration elapsed, List<Alert> alerts,
                             SortedMap<String, Map<RiskLevel, Integer>> weeklyByLevel,
                             SortedMap<String, Map<Agency, Integer>> weeklyByAgency,
                             Map<String, EnterpriseOutcome> enterprises, Quality quality, ZoneId zone) {

    /** @param lines input lines (the progress bar's total); read, judged and rejected as the job counted them */
    public record Inputs(long lines, long read, long judged, long duplicates, int deadLetters) {
    }

    static BacktestResult of(String version, Inputs inputs, Duration elapsed, List<Alert> alerts, Quality quality,
                             ZoneId zone) {
        SortedMap<String, Map<RiskLevel, Integer>> byLevel = new TreeMap<>();
        SortedMap<String, Map<Agency, Integer>> byAgency = new TreeMap<>();
        for (Alert alert : alerts) {
            String week = isoWeek(alert.raisedAt(), zone);
            byLevel.computeIfAbsent(week, w -> new EnumMap<>(RiskLevel.class)).merge(alert.level(), 1, Integer::sum);
            Map<Agency, Integer> agencies = byAgency.computeIfAbsent(week, w -> new EnumMap<>(Agency.class));
            alert.agencies().forEach(agency -> agencies.merge(agency, 1, Integer::sum));
        }
        return new BacktestResult(version, inputs, elapsed, alerts, byLevel, byAgency, EnterpriseOutcome.of(alerts),
                quality, zone);
    }

    /** {@code 2025-W09}: the ISO week-based year and week, which sort as text. */
    static String isoWeek(Instant at, ZoneId zone) {
        return isoWeek(at.atZone(zone).toLocalDate());
    }

    static String isoWeek(LocalDate day) {
        return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
                day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public Map<RiskLevel, Integer> totalsByLevel() {
        Map<RiskLevel, Integer> totals = new EnumMap<>(RiskLevel.class);
        weeklyByLevel.values().forEach(week -> week.forEach((level, n) -> totals.merge(level, n, Integer::sum)));
        return totals;
    }

    public Map<Agency, Integer> totalsByAgency() {
        Map<Agency, Integer> totals = new EnumMap<>(Agency.class);
        weeklyByAgency.values().forEach(week -> week.forEach((agency, n) -> totals.merge(agency, n, Integer::sum)));
        return totals;
    }

    /** Enterprises this rule set alerted at {@code level} or above at least once. */
    public long flagged(RiskLevel level) {
        return enterprises.values().stream().filter(e -> e.flagged(level)).count();
    }

    /** The days the alerts span (null, null without alerts). */
    public LocalDate firstAlertDay() {
        return alerts.isEmpty() ? null : alerts.get(0).raisedAt().atZone(zone).toLocalDate();
    }

    public LocalDate lastAlertDay() {
        return alerts.isEmpty() ? null : alerts.get(alerts.size() - 1).raisedAt().atZone(zone).toLocalDate();
    }
}
