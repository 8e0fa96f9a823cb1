package org.laborwatch.engine.backtest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.laborwatch.engine.generate.GroundTruth;
import org.laborwatch.engine.report.Quality;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * What a candidate rule set ({@code --rules}) changes against a baseline ({@code --against}), enterprise by enterprise:
 * who is newly flagged and who no longer is, how each one's highest level moved, each agency's workload, and, given a
 * ground truth, how much earlier or later each troubled enterprise got its first ORANGE+ warning.
 *
 * @param levels      enterprises by highest level, baseline (row) by candidate (column), over every enterprise either
 *                    set alerted on; indexed by {@link RiskLevel#ordinal()}
 * @param changes     every enterprise whose highest level differs, the largest moves first
 * @param leads       every troubled enterprise either set warned at ORANGE+, the most improved first (empty without
 *                    a ground truth)
 */
public record Comparison(int[][] levels, List<Change> changes, List<Workload> workload, List<LeadChange> leads) {

    /** @param troubled whether the ground truth has it erupt (null without a ground truth) */
    public record Change(String enterpriseId, String name, String district, RiskLevel before, RiskLevel after,
                         Boolean troubled) {
        boolean newly(RiskLevel level) {
            return !before.isAtLeast(level) && after.isAtLeast(level);
        }

        boolean noLonger(RiskLevel level) {
            return before.isAtLeast(level) && !after.isAtLeast(level);
        }
    }

    public record Workload(Agency agency, int before, int after) {
        /** Percent change; null when the baseline gave the agency nothing. */
        public Double changePercent() {
            return percent(before, after);
        }
    }

    /** Lead days of the first ORANGE+ alert before the eruption, per set; null where a set never warned at ORANGE+. */
    public record LeadChange(String enterpriseId, String name, LocalDate eruptsOn, Long before, Long after) {
        /** Days earlier (positive) or later (negative) the candidate warned; null unless both warned. */
        public Long gain() {
            return before == null || after == null ? null : after - before;
        }
    }

    /** Percent change from {@code before} to {@code after}; null when there was nothing before. */
    static Double percent(int before, int after) {
        return before == 0 ? null : (after - before) * 100.0 / before;
    }

    public static Comparison of(BacktestResult baseline, BacktestResult candidate, GroundTruth truth) {
        Set<String> ids = new LinkedHashSet<>(baseline.enterprises().keySet());
        ids.addAll(candidate.enterprises().keySet());
        int[][] levels = new int[RiskLevel.values().length][RiskLevel.values().length];
        List<Change> changes = new ArrayList<>();
        List<LeadChange> leads = new ArrayList<>();
        for (String id : ids) {
            EnterpriseOutcome before = outcome(baseline, candidate, id);
            EnterpriseOutcome after = outcome(candidate, baseline, id);
            levels[before.highest().ordinal()][after.highest().ordinal()]++;
            GroundTruth.Entry entry = truth == null ? null : truth.entries().get(id);
            if (before.highest() != after.highest()) {
                changes.add(new Change(id, after.name(), after.district(), before.highest(), after.highest(),
                        entry == null ? null : entry.troubled()));
            }
            if (entry != null && entry.troubled() && (before.firstOrange() != null || after.firstOrange() != null)) {
                leads.add(lead(entry, before, after, baseline));
            }
        }
        changes.sort(Comparator.comparingInt((Change c) -> -Math.abs(c.after().ordinal() - c.before().ordinal()))
                .thenComparing(c -> -c.after().ordinal()).thenComparing(Change::enterpriseId));
        leads.sort(Comparator.comparing(LeadChange::gain, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(LeadChange::enterpriseId));
        return new Comparison(levels, changes, workload(baseline, candidate), leads);
    }

    public List<Change> newlyFlagged(RiskLevel level) {
        return changes.stream().filter(c -> c.newly(level)).toList();
    }

    public List<Change> noLongerFlagged(RiskLevel level) {
        return changes.stream().filter(c -> c.noLonger(level)).toList();
    }

    public int enterprises(RiskLevel before, RiskLevel after) {
        return levels[before.ordinal()][after.ordinal()];
    }

    public long warnedEarlier() {
        return leads.stream().filter(l -> l.gain() != null && l.gain() > 0).count();
    }

    public long warnedLater() {
        return leads.stream().filter(l -> l.gain() != null && l.gain() < 0).count();
    }

    public long warnedSameDay() {
        return leads.stream().filter(l -> l.gain() != null && l.gain() == 0).count();
    }

    public long warnedOnlyByCandidate() {
        return leads.stream().filter(l -> l.before() == null).count();
    }

    public long warnedOnlyByBaseline() {
        return leads.stream().filter(l -> l.after() == null).count();
    }

    /** The enterprise as {@code result} saw it; quiet (NONE) if it raised nothing there, named from the other set. */
    private static EnterpriseOutcome outcome(BacktestResult result, BacktestResult other, String id) {
        EnterpriseOutcome seen = result.enterprises().get(id);
        if (seen != null) {
            return seen;
        }
        EnterpriseOutcome named = other.enterprises().get(id);
        return EnterpriseOutcome.quiet(id, named.name(), named.district());
    }

    private static LeadChange lead(GroundTruth.Entry entry, EnterpriseOutcome before, EnterpriseOutcome after,
                                   BacktestResult result) {
        return new LeadChange(entry.enterpriseId(), after.name(), entry.eruptsOn(),
                before.firstOrange() == null ? null
                        : Quality.leadDays(before.firstOrange(), entry.eruptsOn(), result.zone()),
                after.firstOrange() == null ? null
                        : Quality.leadDays(after.firstOrange(), entry.eruptsOn(), result.zone()));
    }

    private static List<Workload> workload(BacktestResult baseline, BacktestResult candidate) {
        Map<Agency, Integer> before = baseline.totalsByAgency();
        Map<Agency, Integer> after = candidate.totalsByAgency();
        List<Workload> rows = new ArrayList<>();
        for (Agency agency : Agency.values()) {
            rows.add(new Workload(agency, before.getOrDefault(agency, 0), after.getOrDefault(agency, 0)));
        }
        return rows;
    }
}
