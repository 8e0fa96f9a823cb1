package org.laborwatch.engine.backtest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.laborwatch.engine.report.Quality;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.RiskLevel;

/** The sections every backtest report has: what ran, alerts per level and agency, quality, and the weeks. */
final class SummarySections {
    /** Levels from the most serious down, as the agencies read them; NONE is never alerted. */
    static final List<RiskLevel> ALERTED = List.of(RiskLevel.RED, RiskLevel.ORANGE, RiskLevel.YELLOW, RiskLevel.BLUE);

    private SummarySections() {
    }

    static List<Section> of(BacktestRun run) {
        List<Section> sections = new ArrayList<>();
        sections.add(overview(run));
        sections.add(levels(run));
        sections.add(agencies(run));
        if (run.candidate().quality() != null) {
            sections.add(quality(run));
        }
        return sections;
    }

    /** The column heads: one per rule set, and a change column when two are compared. */
    static List<String> header(BacktestRun run, String first, boolean change) {
        List<String> header = new ArrayList<>(List.of(first, "本规则集 (--rules)"));
        if (run.compared()) {
            header.add("对比规则集 (--against)");
            if (change) {
                header.add("变化 (change)");
            }
        }
        return header;
    }

    private static Section overview(BacktestRun run) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(row(run, "规则集版本 (rule set version)", BacktestResult::ruleSetVersion));
        rows.add(row(run, "输入行数 (input lines)", r -> Cells.count(r.inputs().lines())));
        rows.add(row(run, "读入信号 (signals read)", r -> Cells.count(r.inputs().read())));
        rows.add(row(run, "研判信号 (signals judged)", r -> Cells.count(r.inputs().judged())));
        rows.add(row(run, "重复 (duplicates dropped)", r -> Cells.count(r.inputs().duplicates())));
        rows.add(row(run, "拒收 (dead letters)", r -> Cells.count(r.inputs().deadLetters())));
        rows.add(row(run, "预警 (alerts)", r -> Cells.count(r.alerts().size())));
        rows.add(row(run, "预警企业 (enterprises alerted)", r -> Cells.count(r.enterprises().size())));
        rows.add(row(run, "橙色及以上企业 (enterprises at ORANGE+)", r -> Cells.count(r.flagged(RiskLevel.ORANGE))));
        rows.add(row(run, "预警时间范围 (alerts raised from … to …)",
                r -> r.alerts().isEmpty() ? "—" : r.firstAlertDay() + " … " + r.lastAlertDay()));
        rows.add(row(run, "运行用时 (run time, cluster start included)",
                r -> String.format("%.1f s", r.elapsed().toMillis() / 1000.0)));
        return Section.of(2, "概况 (overview)", header(run, "项目 (item)", false), rows,
                "信号 (signals): " + run.signalFiles().size() + " 个文件 (file(s)): "
                        + run.signalFiles().stream().map(Path::toString).collect(Collectors.joining(", ")),
                "真实情况 (ground truth): " + (run.truth() == null ? "无 (none given)" : run.truth()),
                String.format("回测总用时 (whole backtest): %.1f s", run.wallClock().toMillis() / 1000.0));
    }

    private static Section levels(BacktestRun run) {
        List<List<String>> rows = new ArrayList<>();
        for (RiskLevel level : ALERTED) {
            rows.add(countRow(run, Cells.level(level), r -> r.totalsByLevel().getOrDefault(level, 0)));
        }
        rows.add(countRow(run, "合计 (total)", r -> r.alerts().size()));
        return Section.of(2, "各级预警 (alerts per level)", header(run, "等级 (level)", true), rows);
    }

    private static Section agencies(BacktestRun run) {
        List<List<String>> rows = new ArrayList<>();
        for (Agency agency : Agency.values()) {
            rows.add(countRow(run, Cells.agency(agency), r -> r.totalsByAgency().getOrDefault(agency, 0)));
        }
        return Section.of(2, "各部门工作量 (alerts per agency)", header(run, "部门 (agency)", true), rows,
                "每条预警计入它发往的每个部门 (an alert counts for every agency it is routed to).");
    }

    private static Section quality(BacktestRun run) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(qualityRow(run, "橙色及以上预警企业 (enterprises warned at ORANGE+)", q -> Cells.count(q.alerted())));
        rows.add(qualityRow(run, "真实爆发企业 (troubled enterprises in the truth)", q -> Cells.count(q.troubled())));
        rows.add(qualityRow(run, "命中 (true positives)", q -> Cells.count(q.truePositives())));
        rows.add(qualityRow(run, "精确率 (precision)", q -> Cells.share(q.precision())));
        rows.add(qualityRow(run, "召回率 (recall)", q -> Cells.share(q.recall())));
        rows.add(qualityRow(run, "提前预警率 (early recall: ≥1 day before eruption)", q -> Cells.share(q.earlyRecall())));
        rows.add(qualityRow(run, "提前天数中位数 (median lead days of first ORANGE+)",
                q -> Cells.days(q.medianLeadDays())));
        return Section.of(2, "预警质量 (quality against ground truth)", header(run, "指标 (measure)", false), rows,
                "按每家企业首次橙色及以上预警计 (counted from each enterprise's first ORANGE+ alert).");
    }

    private static List<String> row(BacktestRun run, String label, Function<BacktestResult, String> cell) {
        List<String> row = new ArrayList<>(List.of(label));
        run.results().forEach(r -> row.add(cell.apply(r)));
        return row;
    }

    private static List<String> countRow(BacktestRun run, String label, Function<BacktestResult, Integer> count) {
        List<String> row = row(run, label, r -> Cells.count(count.apply(r)));
        if (run.compared()) {
            row.add(Cells.change(count.apply(run.baseline()), count.apply(run.candidate())));
        }
        return row;
    }

    private static List<String> qualityRow(BacktestRun run, String label, Function<Quality, String> cell) {
        return row(run, label, r -> cell.apply(r.quality()));
    }

    /** Alerts per ISO week by level and by agency, two tables per rule set: the numbers behind the charts. */
    static List<Section> weeks(BacktestRun run, List<String> weeks) {
        List<Section> sections = new ArrayList<>();
        for (BacktestResult result : run.results()) {
            sections.add(perWeek("每周各级预警 (alerts per week and level): " + result.ruleSetVersion(), weeks,
                    ALERTED, Cells::level, result.weeklyByLevel()));
            sections.add(perWeek("每周各部门预警 (alerts per week and agency): " + result.ruleSetVersion(), weeks,
                    List.of(Agency.values()), Cells::agency, result.weeklyByAgency()));
        }
        return sections;
    }

    private static <K> Section perWeek(String heading, List<String> weeks, List<K> columns,
                                       Function<K, String> label, Map<String, Map<K, Integer>> counts) {
        List<String> header = new ArrayList<>(List.of("周 (ISO week)"));
        columns.forEach(column -> header.add(label.apply(column)));
        List<List<String>> rows = new ArrayList<>();
        for (String week : weeks) {
            Map<K, Integer> inWeek = counts.getOrDefault(week, Map.of());
            List<String> row = new ArrayList<>(List.of(week));
            columns.forEach(column -> row.add(Cells.count(inWeek.getOrDefault(column, 0))));
            rows.add(row);
        }
        return Section.of(3, heading, header, rows);
    }
}
