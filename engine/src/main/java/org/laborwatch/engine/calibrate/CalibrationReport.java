package org.laborwatch.engine.calibrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.laborwatch.engine.config.Durations;
import org.laborwatch.engine.report.Quality;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * The calibration's report for the rule author, Chinese first: the data, what counted as a dispute, what the points
 * now mean, how the model was fitted and checked, the points before and after per rule, and the held-out quality
 * before and after. Written once as a list of blocks and rendered twice, as Markdown and as self-contained HTML.
 */
final class CalibrationReport {
    static final String MARKDOWN = "report.md";
    static final String HTML = "report.html";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private sealed interface Block {
    }

    private record Heading(int level, String text) implements Block {
    }

    private record Paragraph(String text) implements Block {
    }

    private record Bullets(List<String> items) implements Block {
    }

    private record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    private CalibrationReport() {
    }

    static void write(Path dir, Calibration.Result result) throws IOException {
        List<Block> blocks = blocks(result);
        Files.writeString(dir.resolve(MARKDOWN), markdown(blocks), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(HTML), html(blocks), StandardCharsets.UTF_8);
    }

    private static List<Block> blocks(Calibration.Result r) {
        List<Block> b = new ArrayList<>();
        intro(b, r);
        data(b, r);
        definition(b, r);
        meaning(b, r);
        model(b, r);
        points(b, r);
        heldOut(b, r);
        notes(b, r);
        return b;
    }

    private static void intro(List<Block> b, Calibration.Result r) {
        Calibration.Request q = r.request();
        String meaning = String.format("ORANGE = P(纠纷) ≥ %s 于 %s 内", percent(q.probability()),
                days(q.horizon().toDays()));
        b.add(new Heading(1, "规则分值校准报告 (Rule points calibration)"));
        b.add(new Paragraph("规则集 " + r.ruleSetVersion() + "(" + q.rulesDir() + ")。提议的规则集在 rules/:规则逻辑不变,"
                + "仅以分值表 points.csv 改写各规则分值。" + meaning + "。请审阅后用 rules backtest 在另一段历史上回测"
                + "(回测运行真实引擎),再像其他版本一样发布。"));
    }

    private static void data(List<Block> b, Calibration.Result r) {
        Calibration.Request q = r.request();
        ZoneId zone = r.request().codec().zone();
        b.add(new Heading(2, "数据 (Data)"));
        Outcomes o = r.outcomes();
        b.add(new Table(List.of("项目", "数值"), List.of(
                List.of("期间 (period)", day(o.start(), zone) + " – " + day(o.end(), zone)),
                List.of("信号记录 (signal records, repeats included)", count(o.signals())),
                List.of("企业 (enterprises)", count(r.enterprises())),
                List.of("发生纠纷的企业 (enterprises with a dispute)", count(o.eruptions().size())),
                List.of("样本 (enterprise-weeks)", count(r.samples())),
                List.of("正例:其后 " + days(q.horizon().toDays()) + "内发生纠纷 (positives)", count(r.positives())),
                List.of("引擎风险快照 (risk snapshots)", count(r.snapshots())),
                List.of("按原分值重算与引擎分数不符的快照 (snapshots re-scored otherwise than the engine)",
                        count(r.disagreements())),
                List.of("耗时 (time)", seconds(r.elapsed()) + "(其中引擎运行 " + seconds(r.engineRun()) + ")"))));
    }

    private static void definition(List<Block> b, Calibration.Result r) {
        Calibration.Request q = r.request();
        b.add(new Heading(2, "纠纷的定义 (What counted as a dispute)"));
        List<String> definition = new ArrayList<>();
        if (q.truth() != null) {
            definition.add("答案文件 (ground truth) " + q.truth() + ":TROUBLED 企业在其 eruptsOn 当日(0 时起)发生纠纷");
        }
        if (q.eruptions() != null) {
            definition.add("由信号定义 (--eruptions):" + q.eruptions() + " —— 企业第一条满足任一条件的信号即为纠纷");
        }
        if (definition.size() == 2) {
            definition.add("两者都给出时,取较早的一个");
        }
        b.add(new Bullets(definition));
    }

    private static void meaning(List<Block> b, Calibration.Result r) {
        Calibration.Request q = r.request();
        b.add(new Heading(2, "分值的含义 (What the points mean)"));
        LogisticFit.Weights w = r.proposalWeights();
        b.add(new Paragraph(String.format(Locale.ROOT, "模型:P(%s内纠纷 | x) = σ(b + Σ wᵣ·xᵣ),xᵣ = 规则 r 最近一次命中的"
                + "衰减值 0.5^(距今/半衰期 %s)。分值 = round(wᵣ · %d / (logit(%s) − b)),截断到 0–100;于是分值之和 ≥ %d"
                + " ⇔ P ≥ %s(取整使每条生效规则最多偏差 0.5 分)。b = %.3f,每单位 w 折合 %.2f 分。",
                days(q.horizon().toDays()), Durations.describe(q.risk().halfLife()), r.mapping().threshold(),
                percent(q.probability()), r.mapping().threshold(), percent(q.probability()), w.bias(), r.scale())));
        List<List<String>> levels = new ArrayList<>();
        levels.add(List.of("无规则命中 (no hit)", "0", percent(r.mapping().probabilityAt(w, 0))));
        for (RiskLevel level : List.of(RiskLevel.BLUE, RiskLevel.YELLOW, RiskLevel.ORANGE, RiskLevel.RED)) {
            levels.add(List.of(level.label() + " " + level.name(), "≥ " + level.threshold(),
                    percent(r.mapping().probabilityAt(w, level.threshold()))));
        }
        b.add(new Table(List.of("等级", "分值", "P(" + days(q.horizon().toDays()) + "内纠纷)"), levels));
    }

    private static void model(List<Block> b, Calibration.Result r) {
        Calibration.Request q = r.request();
        ZoneId zone = r.request().codec().zone();
        TimeOrderedValidation.Result v = r.validation();
        b.add(new Heading(2, "模型与验证 (Model and validation)"));
        List<String> model = new ArrayList<>();
        model.add("L2 正则化逻辑回归 (liblinear 2.44, L2R_LR, BSD-3-Clause),截距不正则化。");
        model.add("正则化强度 C 由按时间顺序的交叉验证选出(留出月份样本的平均对数损失):" + costs(v.lossByCost())
                + ";选用 C = " + figure(v.cost()) + "。");
        model.add("按时间顺序:每个留出月份只用其开始前标签已知的样本(样本时间 + " + days(q.horizon().toDays())
                + " ≤ 月初)拟合,再只评该月;从不在拟合过的数据上评分。");
        if (!v.skipped().isEmpty()) {
            model.add("因训练数据中无纠纷而未评的月份:" + v.skipped());
        }
        model.add("提议的分值由全部历史(标签已知的样本)拟合。");
        b.add(new Bullets(model));
        List<List<String>> folds = new ArrayList<>();
        for (TimeOrderedValidation.Fold f : v.folds()) {
            folds.add(List.of(f.month().toString(), count(f.trainingSamples()), count(f.trainingPositives()),
                    f.latestTrainingSampleAt() == Long.MIN_VALUE ? "—"
                            : day(Instant.ofEpochMilli(f.latestTrainingSampleAt()), zone),
                    String.valueOf(java.util.Arrays.stream(f.proposal().verdicts())
                            .filter(x -> x == PointsMapping.Verdict.FITTED).count())));
        }
        b.add(new Table(List.of("留出月份 (held-out month)", "训练样本", "其中正例", "最晚训练样本", "有预测力的规则数"),
                folds));
    }

    private static void points(List<Block> b, Calibration.Result r) {
        TimeOrderedValidation.Result v = r.validation();
        b.add(new Heading(2, "各规则分值 (Points per rule)"));
        List<List<String>> rules = new ArrayList<>();
        for (Calibration.RuleResult rule : r.rules()) {
            rules.add(List.of(rule.id(), rule.name(), rule.before() + " → " + rule.after(),
                    String.format(Locale.ROOT, "%.3f", rule.weight()), String.format(Locale.ROOT, "%.1f", rule.z()),
                    count(rule.hits()), count(rule.activeSamples()), verdict(rule)));
        }
        b.add(new Table(List.of("编号", "名称", "分值 原 → 新", "权重 w", "z", "命中次数", "生效样本", "结论"), rules));
        List<String> noSignal = r.rules().stream()
                .filter(rule -> rule.verdict() == PointsMapping.Verdict.NO_SIGNAL).map(Calibration.RuleResult::id)
                .toList();
        b.add(new Paragraph("无预测力的规则 (rules that carry no signal):"
                + (noSignal.isEmpty() ? "无" : String.join(", ", noSignal)) + "。"));
        b.add(new Paragraph("无预测力 (no signal):有命中,但权重不显著大于 0(z < " + figure(r.mapping().noSignalZ())
                + ")或折合不足 1 分,提议 0 分:引擎仍评估该规则,但不足 0.5 分的命中会被"
                + "立即遗忘,所以它不再加分,也不再出现在预警解释中(critical 规则仍会发出预警);如需保留其解释作用,"
                + "可在 points.csv 中给 1–2 分。生效样本为 0 的规则(只在纠纷发生时或之后命中,"
                + "如群体性事件;或从未命中)无从校准,保持原分。命中次数含纠纷发生后的命中。"));

        if (!v.folds().isEmpty()) {
            b.add(new Heading(3, "各折的分值 (points fitted by each fold)"));
            List<String> header = new ArrayList<>(List.of("编号", "原分值"));
            v.folds().forEach(f -> header.add(f.month().toString()));
            header.add("提议 (all data)");
            List<List<String>> byFold = new ArrayList<>();
            for (int i = 0; i < r.rules().size(); i++) {
                Calibration.RuleResult rule = r.rules().get(i);
                List<String> row = new ArrayList<>(List.of(rule.id(), String.valueOf(rule.before())));
                for (TimeOrderedValidation.Fold f : v.folds()) {
                    row.add(String.valueOf(f.proposal().points()[i]));
                }
                row.add(String.valueOf(rule.after()));
                byFold.add(row);
            }
            b.add(new Table(header, byFold));
        }
    }

    private static void heldOut(List<Block> b, Calibration.Result r) {
        Calibration.Request q = r.request();
        ZoneId zone = r.request().codec().zone();
        TimeOrderedValidation.Result v = r.validation();
        b.add(new Heading(2, "留出月份的预警质量 (Held-out quality, before → after)"));
        if (v.folds().isEmpty()) {
            b.add(new Paragraph("历史太短,没有留出月份:需要至少 " + days(q.horizon().toDays()) + " + "
                    + days(TimeOrderedValidation.MIN_TRAINING.toDays()) + "的历史之后还有一个月。"));
        } else {
            b.add(new Paragraph("自 " + day(Instant.ofEpochMilli(v.heldOutFrom()), zone) + " 起,每月用该月的折内分值"
                    + "重算各快照的分数(与引擎 Scoring 同一公式),取每家企业首次达到橙色的时刻;定义同质量报告 (Quality)。"));
            b.add(new Table(List.of("指标", "原分值 (before)", "校准后 (after)"), quality(r.before(), r.after())));
            b.add(new Heading(3, "若橙色表示其他概率 (if ORANGE meant another probability)"));
            List<List<String>> rows = new ArrayList<>();
            r.afterAtOtherProbabilities().forEach((p, quality) -> rows.add(quality == null
                    ? List.of(percent(p), "—", "—", "—", "—")
                    : List.of(percent(p), count(quality.alerted()), percent(quality.precision()),
                            percent(quality.earlyRecall()), lead(quality.medianLeadDays()))));
            b.add(new Table(List.of("--probability", "达到橙色的企业", "精确率", "提前召回率", "提前天数中位数"), rows));
            b.add(new Paragraph("同一批折内权重,只按概率重新折算分值(不重新拟合)。概率越高,橙色越少、越准,也越晚。"));
            b.add(new Paragraph("各折只用其月份之前的数据拟合,数据比提议的拟合少(早的折只有两三个月):这里的“校准后”"
                    + "偏保守。提议的分值在另一段历史上的表现,请用真实引擎回测(rules backtest,或 run --rules 本目录下的 "
                    + "rules/ 并对照答案文件)。"));
        }
    }

    private static void notes(List<Block> b, Calibration.Result r) {
        b.add(new Heading(2, "说明 (Notes)"));
        List<String> notes = new ArrayList<>();
        notes.add("命中来自用原分值运行一次真实引擎;规则条件读取特征而非分数,所以分值改变不改变命中。");
        List<String> dependent = r.rules().stream().filter(Calibration.RuleResult::scoreDependent)
                .map(Calibration.RuleResult::id).toList();
        if (!dependent.isEmpty()) {
            notes.add("例外:" + String.join(", ", dependent) + " 的条件读取由分数决定的特征(redEpisodes 红色次数 / "
                    + "currentLevel):在新分值下它们可能在别处触发,只有回测能显示。");
        }
        notes.add("分值为 0 的命中(结案规则 hits.settle 的说明)不计入;结案(OUT-002)清除其之前的命中,快照已反映。");
        notes.add("衰减后不足 0.5 分的命中会被引擎遗忘;按原分值遗忘的命中在此缺失,新分值下其贡献同样不足数分。");
        b.add(new Bullets(notes));
    }

    private static List<List<String>> quality(Quality before, Quality after) {
        return List.of(
                List.of("达到橙色的企业 (alerted)", count(before.alerted()), count(after.alerted())),
                List.of("留出期内发生纠纷的企业", count(before.troubled()), count(after.troubled())),
                List.of("其中预警到 (true positives)", count(before.truePositives()), count(after.truePositives())),
                List.of("精确率 (precision)", percent(before.precision()), percent(after.precision())),
                List.of("召回率 (recall)", percent(before.recall()), percent(after.recall())),
                List.of("提前召回率 (early recall, ≥ 1 天)", percent(before.earlyRecall()), percent(after.earlyRecall())),
                List.of("提前天数中位数 (median lead, days)", lead(before.medianLeadDays()), lead(after.medianLeadDays())));
    }

    private static String verdict(Calibration.RuleResult rule) {
        String v = switch (rule.verdict()) {
            case FITTED -> "已校准";
            // As many standard errors below 0 as "no signal" asks above it: its hits go with fewer disputes.
            case NO_SIGNAL -> rule.z() <= -PointsMapping.DEFAULT_NO_SIGNAL_Z
                    ? "无预测力 (no signal);权重显著为负:其他规则相同时,命中的企业纠纷反而更少" : "无预测力 (no signal)";
            case NO_HITS -> "纠纷前无命中,未校准 (no hits to learn from)";
        };
        return rule.scoreDependent() ? v + ";条件依赖分数" : v;
    }

    private static String costs(Map<Double, Double> lossByCost) {
        List<String> parts = new ArrayList<>();
        lossByCost.forEach((c, loss) -> parts.add("C = " + figure(c) + ": "
                + (loss.isNaN() ? "—" : String.format(Locale.ROOT, "%.5f", loss))));
        return String.join(", ", parts);
    }

    private static String lead(Double days) {
        return days == null ? "—" : figure(days);
    }

    private static String figure(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p * 100);
    }

    private static String days(long days) {
        return days + " 天";
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String seconds(java.time.Duration d) {
        return String.format(Locale.ROOT, "%.1f 秒", d.toMillis() / 1000.0);
    }

    private static String day(Instant at, ZoneId zone) {
        return DAY.format(at.atZone(zone));
    }

    static String markdown(List<Block> blocks) {
        StringBuilder out = new StringBuilder();
        for (Block block : blocks) {
            if (block instanceof Heading h) {
                out.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (block instanceof Paragraph p) {
                out.append(p.text()).append("\n\n");
            } else if (block instanceof Bullets l) {
                l.items().forEach(i -> out.append("- ").append(i).append('\n'));
                out.append('\n');
            } else if (block instanceof Table t) {
                out.append(row(t.header())).append('|').append("---|".repeat(t.header().size())).append('\n');
                t.rows().forEach(r -> out.append(row(r)));
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String row(List<String> cells) {
        StringBuilder line = new StringBuilder("|");
        for (String c : cells) {
            line.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        return line.append('\n').toString();
    }

    static String html(List<Block> blocks) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<title>规则分值校准报告</title><style>body{font-family:sans-serif;max-width:72rem;margin:2rem auto;"
                + "padding:0 1rem}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #bbb;"
                + "padding:.25rem .5rem;text-align:left}th{background:#eee}</style></head><body>\n");
        for (Block block : blocks) {
            if (block instanceof Heading h) {
                out.append("<h").append(h.level()).append('>').append(escape(h.text())).append("</h")
                        .append(h.level()).append(">\n");
            } else if (block instanceof Paragraph p) {
                out.append("<p>").append(escape(p.text())).append("</p>\n");
            } else if (block instanceof Bullets l) {
                out.append("<ul>\n");
                l.items().forEach(i -> out.append("<li>").append(escape(i)).append("</li>\n"));
                out.append("</ul>\n");
            } else if (block instanceof Table t) {
                out.append("<table>\n<tr>");
                t.header().forEach(c -> out.append("<th>").append(escape(c)).append("</th>"));
                out.append("</tr>\n");
                for (List<String> r : t.rows()) {
                    out.append("<tr>");
                    r.forEach(c -> out.append("<td>").append(escape(c)).append("</td>"));
                    out.append("</tr>\n");
                }
                out.append("</table>\n");
            }
        }
        return out.append("</body></html>\n").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
