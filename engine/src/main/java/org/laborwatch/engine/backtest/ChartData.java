package org.laborwatch.engine.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * The figures the HTML report's charts draw, as JSON: the week axis, per rule set its alerts per week by level and by
 * agency, and with a baseline each agency's workload and how the troubled enterprises' first ORANGE+ warning moved.
 */
final class ChartData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChartData() {
    }

    static String of(BacktestRun run, List<String> weeks) throws JsonProcessingException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("weeks", weeks);
        data.put("levels", SummarySections.ALERTED);
        data.put("levelLabels", labels(SummarySections.ALERTED, Cells::level));
        data.put("agencies", List.of(Agency.values()));
        data.put("agencyLabels", labels(List.of(Agency.values()), Cells::agency));
        data.put("titles", Map.of(
                "levels", "每周各级预警 (alerts per level per week)",
                "agencies", "每周各部门预警 (alerts per agency per week)",
                "workload", "各部门工作量 (alerts per agency)",
                "leads", "真实爆发企业的首次橙色预警：候选较基准 (first ORANGE+ warning, candidate against baseline)"));
        data.put("sets", run.results().stream().map(r -> set(run, r, weeks)).toList());
        if (run.compared()) {
            data.put("workload", workload(run));
            if (run.candidate().quality() != null) {
                data.put("leads", leads(run.comparison()));
            }
        }
        return JSON.writeValueAsString(data);
    }

    private static Map<String, Object> set(BacktestRun run, BacktestResult result, List<String> weeks) {
        Map<String, List<Integer>> byLevel = new LinkedHashMap<>();
        for (RiskLevel level : SummarySections.ALERTED) {
            byLevel.put(level.name(), perWeek(weeks, w -> result.weeklyByLevel().getOrDefault(w, Map.of())
                    .getOrDefault(level, 0)));
        }
        Map<String, List<Integer>> byAgency = new LinkedHashMap<>();
        for (Agency agency : Agency.values()) {
            byAgency.put(agency.name(), perWeek(weeks, w -> result.weeklyByAgency().getOrDefault(w, Map.of())
                    .getOrDefault(agency, 0)));
        }
        String role = result == run.candidate() ? "本规则集 (--rules) " : "对比规则集 (--against) ";
        return Map.of("title", role + result.ruleSetVersion(), "byLevel", byLevel, "byAgency", byAgency);
    }

    private static Map<String, Object> workload(BacktestRun run) {
        List<Comparison.Workload> rows = run.comparison().workload();
        return Map.of("candidateLabel", "候选 (candidate) " + run.candidate().ruleSetVersion(),
                "baselineLabel", "基准 (baseline) " + run.baseline().ruleSetVersion(),
                "candidate", rows.stream().map(Comparison.Workload::after).toList(),
                "baseline", rows.stream().map(Comparison.Workload::before).toList());
    }

    private static Map<String, Object> leads(Comparison c) {
        return Map.of("labels", List.of("候选更早 (earlier)", "同日 (same day)", "候选更晚 (later)",
                        "仅候选预警 (only candidate)", "仅基准预警 (only baseline)"),
                "counts", List.of(c.warnedEarlier(), c.warnedSameDay(), c.warnedLater(), c.warnedOnlyByCandidate(),
                        c.warnedOnlyByBaseline()),
                "colors", List.of("#27ae60", "#aab7b8", "#c0392b", "#2e86c1", "#e67e22"));
    }

    private static List<Integer> perWeek(List<String> weeks, Function<String, Integer> count) {
        return weeks.stream().map(count).toList();
    }

    private static <T> Map<String, String> labels(List<T> values, Function<T, String> label) {
        Map<String, String> labels = new LinkedHashMap<>();
        values.forEach(v -> labels.put(v.toString(), label.apply(v)));
        return labels;
    }
}
