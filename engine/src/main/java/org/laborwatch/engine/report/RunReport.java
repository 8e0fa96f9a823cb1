package org.laborwatch.engine.report;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.laborwatch.connectors.json.DeadLetter;
import org.laborwatch.connectors.json.Rejection;
import org.laborwatch.engine.generate.GroundTruth;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * The summary printed at the end of a run: what came in, what was rejected and why, what was raised for whom, the
 * enterprises most at risk with their reasons, and, given a ground truth, how good and how early the warnings were.
 * Chinese first, because the agencies read it.
 */
public final class RunReport {
    private static final int TOP = 10;

    private RunReport() {
    }

    /**
     * @param lateJudged judged behind event time, within their source's allowed lateness (a live stream only)
     * @param ahead      dated far past the event time the stream had reached when they arrived (a live stream only)
     * @param bounded    a bounded input judged in event-time order (batch execution): nothing in it is late or ahead
     */
    public record Inputs(long signalsRead, long judged, long duplicates, long lateJudged, long ahead, long ruleErrors,
                         long ruleIncidents, List<Alert> alerts, List<DeadLetter> deadLetters, GroundTruth truth,
                         ZoneId zone, Duration elapsed, String ruleSetVersion, boolean bounded) {
    }

    public static String render(Inputs in) {
        StringBuilder out = new StringBuilder();
        line(out, "== laborwatch 运行摘要 (run summary) ==");
        line(out, "规则集 rule set            %s", in.ruleSetVersion());
        line(out, "读入信号 signals read       %,d", in.signalsRead());
        line(out, "研判信号 signals judged     %,d   (重复 duplicates dropped %,d, 迟到仍研判 judged late %,d, "
                        + "超前 ahead of the stream %,d)", in.judged(), in.duplicates(), in.lateJudged(), in.ahead());
        if (in.bounded()) {
            line(out, "  按事件时间研判 judged in event-time order: the order of the lines and their files does not "
                    + "matter");
        }
        if (in.ruleErrors() > 0) {
            line(out, "规则执行错误 rule errors    %,d (see the log)", in.ruleErrors());
        }
        if (in.ruleIncidents() > 0) {
            line(out, "规则隔离/中止 rule incidents %,d (rules quarantined, evaluations stopped: see the log)",
                    in.ruleIncidents());
        }
        long seconds = Math.max(1, in.elapsed().toMillis());
        line(out, "用时 elapsed                %.1f s  (%,d signals/s, cluster start and rule compilation included)", in.elapsed().toMillis() / 1000.0,
                in.signalsRead() * 1000 / seconds);
        rejections(out, in.deadLetters());
        levels(out, in.alerts());
        agencies(out, in.alerts());
        top(out, in.alerts(), in.zone());
        if (in.truth() != null) {
            quality(out, Quality.of(in.alerts(), in.truth(), in.zone()));
        }
        return out.toString();
    }

    private static void rejections(StringBuilder out, List<DeadLetter> deadLetters) {
        Map<Rejection, Integer> byReason = new EnumMap<>(Rejection.class);
        for (DeadLetter d : deadLetters) {
            byReason.merge(d.reason().code(), 1, Integer::sum);
        }
        line(out, "");
        line(out, "拒收 rejected (dead letters) %,d", deadLetters.size());
        byReason.forEach((reason, n) -> line(out, "  %-20s %,d", reason, n));
    }

    private static void levels(StringBuilder out, List<Alert> alerts) {
        Map<RiskLevel, Integer> byLevel = new EnumMap<>(RiskLevel.class);
        long critical = alerts.stream().filter(Alert::critical).count();
        long enterprises = alerts.stream().map(Alert::enterpriseId).distinct().count();
        for (Alert a : alerts) {
            byLevel.merge(a.level(), 1, Integer::sum);
        }
        line(out, "");
        line(out, "预警 alerts                  %,d  (涉及企业 enterprises %,d, 含紧急 critical %,d)", alerts.size(),
                enterprises, critical);
        for (RiskLevel level : new RiskLevel[] {RiskLevel.RED, RiskLevel.ORANGE, RiskLevel.YELLOW, RiskLevel.BLUE}) {
            line(out, "  %s %-7s %,d", level.label(), level, byLevel.getOrDefault(level, 0));
        }
    }

    private static void agencies(StringBuilder out, List<Alert> alerts) {
        Map<Agency, int[]> counts = new EnumMap<>(Agency.class);
        for (Agency a : Agency.values()) {
            counts.put(a, new int[2]);
        }
        for (Alert alert : alerts) {
            counts.get(alert.lead())[0]++;
            for (Agency a : alert.agencies()) {
                counts.get(a)[1]++;
            }
        }
        line(out, "");
        line(out, "按部门 by agency             牵头 lead   收到 notified");
        counts.forEach((agency, n) -> line(out, "  %-4s %-14s %,8d %,10d", agency.label(), agency, n[0], n[1]));
    }

    private static void top(StringBuilder out, List<Alert> alerts, ZoneId zone) {
        Map<String, Alert> peak = new HashMap<>();
        for (Alert a : alerts) {
            peak.merge(a.enterpriseId(), a, (x, y) -> y.score() > x.score()
                    || (y.score() == x.score() && y.raisedAt().isBefore(x.raisedAt())) ? y : x);
        }
        List<Alert> ranked = new ArrayList<>(peak.values());
        ranked.sort(Comparator.comparingDouble(Alert::score).reversed().thenComparing(Alert::raisedAt)
                .thenComparing(Alert::enterpriseId));
        line(out, "");
        line(out, "风险最高的 %d 家企业 (top %d enterprises by peak score)", TOP, TOP);
        for (int i = 0; i < Math.min(TOP, ranked.size()); i++) {
            Alert a = ranked.get(i);
            line(out, "%2d. %s  %s %s  %s%s %.1f分  %s  牵头 %s", i + 1, a.enterpriseName(), a.district(),
                    a.industry(), a.level().label(), a.level(), a.score(),
                    a.raisedAt().atZone(zone).toLocalDate(), a.lead().label());
            line(out, "    %s", a.enterpriseId());
            a.hits().stream().limit(3).map(Hit::reason).forEach(reason -> line(out, "    - %s", reason));
        }
    }

    private static void quality(StringBuilder out, Quality q) {
        line(out, "");
        line(out, "预警质量 (ORANGE+ alerts against the ground truth)");
        line(out, "  问题企业 troubled enterprises      %,d", q.troubled());
        line(out, "  橙色及以上预警企业 alerted ORANGE+ %,d", q.alerted());
        line(out, "  精确率 precision                   %.1f%%  (%d of %d alerted were troubled)", 100 * q.precision(),
                q.truePositives(), q.alerted());
        line(out, "  提前预警召回率 recall before eruption %.1f%%  (%d of %d troubled warned at least a day ahead)",
                100 * q.earlyRecall(), q.early(), q.troubled());
        line(out, "  最终发现 detected at all          %.1f%%  (%d, including after the eruption)", 100 * q.recall(),
                q.truePositives());
        Double median = q.medianLeadDays();
        line(out, "  提前天数中位数 median lead time    %s", median == null ? "n/a" : String.format("%.1f 天 days",
                median));
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(args.length == 0 ? format : String.format(format, args)).append('\n');
    }
}
