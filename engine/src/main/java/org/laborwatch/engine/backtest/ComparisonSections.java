package org.laborwatch.engine.backtest;

import java.util.ArrayList;
import java.util.List;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * The sections of a report with {@code --against}: what the candidate rule set changes, enterprise by enterprise, and
 * whether it warns troubled enterprises earlier. Long lists show their first {@value #TOP} rows and say how many more.
 */
final class ComparisonSections {
    static final int TOP = 20;

    private ComparisonSections() {
    }

    static List<Section> of(BacktestRun run) {
        Comparison c = run.comparison();
        List<Section> sections = new ArrayList<>();
        sections.add(Section.of(2, "规则集对比 (candidate --rules against baseline --against)",
                List.of("门槛 (threshold)", "新增预警企业 (newly flagged)", "其中真实爆发 (of them troubled)",
                        "不再预警企业 (no longer flagged)", "其中真实爆发 (of them troubled)"),
                List.of(flagRow(c, RiskLevel.ORANGE), flagRow(c, RiskLevel.YELLOW)),
                "基准 (baseline): " + run.baseline().ruleSetVersion() + "；候选 (candidate): "
                        + run.candidate().ruleSetVersion(),
                "按每家企业回测期间的最高等级 (by each enterprise's highest level over the backtest)."));
        boolean truth = run.candidate().quality() != null;
        if (truth) {
            sections.add(leadSummary(run)); // the question a calibration asks first
        }
        sections.add(changes(3, "新增橙色及以上预警企业 (newly flagged at ORANGE+)",
                c.newlyFlagged(RiskLevel.ORANGE), BacktestReport.CHANGES_CSV));
        sections.add(changes(3, "不再橙色及以上预警企业 (no longer flagged at ORANGE+)",
                c.noLongerFlagged(RiskLevel.ORANGE), BacktestReport.CHANGES_CSV));
        sections.add(matrix(c));
        sections.add(changes(3, "最高等级变化最大的企业 (largest changes of highest level)", c.changes(),
                BacktestReport.CHANGES_CSV));
        if (truth) {
            sections.add(leads(c));
        }
        return sections;
    }

    private static List<String> flagRow(Comparison c, RiskLevel level) {
        List<Comparison.Change> newly = c.newlyFlagged(level);
        List<Comparison.Change> gone = c.noLongerFlagged(level);
        return List.of(Cells.level(level) + " 及以上 (and above)", Cells.count(newly.size()), troubledOf(newly),
                Cells.count(gone.size()), troubledOf(gone));
    }

    private static String troubledOf(List<Comparison.Change> changes) {
        if (changes.stream().anyMatch(ch -> ch.troubled() == null)) {
            return "—";
        }
        return Cells.count(changes.stream().filter(Comparison.Change::troubled).count());
    }

    private static Section changes(int depth, String heading, List<Comparison.Change> changes, String file) {
        List<List<String>> rows = new ArrayList<>();
        for (Comparison.Change ch : changes.subList(0, Math.min(TOP, changes.size()))) {
            rows.add(List.of(ch.enterpriseId(), nameOf(ch.name()), nameOf(ch.district()), Cells.level(ch.before()),
                    Cells.level(ch.after()), Cells.troubled(ch.troubled())));
        }
        return Section.of(depth, heading, List.of("企业 (enterprise)", "名称 (name)", "区 (district)",
                "基准 (baseline)", "候选 (candidate)", "真实爆发 (troubled)"), rows, more(changes.size(), file));
    }

    private static Section matrix(Comparison c) {
        List<RiskLevel> levels = new ArrayList<>(SummarySections.ALERTED);
        levels.add(RiskLevel.NONE);
        List<String> header = new ArrayList<>(List.of("基准＼候选 (baseline＼candidate)"));
        levels.forEach(level -> header.add(Cells.level(level)));
        List<List<String>> rows = new ArrayList<>();
        for (RiskLevel before : levels) {
            List<String> row = new ArrayList<>(List.of(Cells.level(before)));
            levels.forEach(after -> row.add(Cells.count(c.enterprises(before, after))));
            rows.add(row);
        }
        return Section.of(3, "最高等级矩阵 (enterprises by highest level)", header, rows,
                "行为基准规则集的最高等级，列为候选规则集的 (rows: highest level under the baseline; columns: under "
                        + "the candidate). 只计任一规则集预警过的企业 (enterprises either set alerted on).");
    }

    private static Section leadSummary(BacktestRun run) {
        Comparison c = run.comparison();
        List<List<String>> rows = List.of(
                List.of("提前天数中位数 (median lead days of first ORANGE+)",
                        Cells.days(run.candidate().quality().medianLeadDays()),
                        Cells.days(run.baseline().quality().medianLeadDays())),
                List.of("提前预警率 (early recall)", Cells.share(run.candidate().quality().earlyRecall()),
                        Cells.share(run.baseline().quality().earlyRecall())),
                List.of("召回率 (recall)", Cells.share(run.candidate().quality().recall()),
                        Cells.share(run.baseline().quality().recall())));
        return Section.of(3, "橙色预警是否更早 (earlier ORANGE warnings?)",
                List.of("指标 (measure)", "候选 (candidate)", "基准 (baseline)"), rows,
                "真实爆发企业中 (of the troubled enterprises): 候选更早 (candidate earlier) " + c.warnedEarlier()
                        + "，更晚 (later) " + c.warnedLater() + "，同日 (same day) " + c.warnedSameDay()
                        + "，仅候选预警 (only the candidate warned) " + c.warnedOnlyByCandidate()
                        + "，仅基准预警 (only the baseline warned) " + c.warnedOnlyByBaseline() + ".");
    }

    private static Section leads(Comparison c) {
        List<Comparison.LeadChange> leads = c.leads();
        List<List<String>> rows = new ArrayList<>();
        for (Comparison.LeadChange lead : leads.subList(0, Math.min(TOP, leads.size()))) {
            rows.add(List.of(lead.enterpriseId(), nameOf(lead.name()), lead.eruptsOn().toString(),
                    Cells.days(lead.before()), Cells.days(lead.after()), Cells.signed(lead.gain())));
        }
        return Section.of(3, "各真实爆发企业的首次橙色预警 (first ORANGE+ warning per troubled enterprise)",
                List.of("企业 (enterprise)", "名称 (name)", "爆发日 (erupts on)", "基准提前天数 (baseline lead)",
                        "候选提前天数 (candidate lead)", "提前 (+ earlier / − later)"), rows,
                "提前天数 = 爆发日 − 首次橙色及以上预警日 (lead = eruption day − day of first ORANGE+ alert); "
                        + "— 表示未预警 (— : never warned at ORANGE+). " + more(leads.size(), BacktestReport.LEADS_CSV));
    }

    private static String nameOf(String text) {
        return text == null ? "—" : text;
    }

    private static String more(int size, String file) {
        return size <= TOP ? "共 " + size + " 家 (" + size + " in all)."
                : "共 " + size + " 家，列出前 " + TOP + " 家，全部见 " + file + " (" + size + " in all, the first " + TOP
                + " shown; all of them in " + file + ").";
    }
}
