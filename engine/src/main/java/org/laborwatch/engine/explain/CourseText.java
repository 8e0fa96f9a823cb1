package org.laborwatch.engine.explain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.risk.RiskSnapshot;

/**
 * An {@link EnterpriseCourse} as text for people: each moment's signals, the rules that fired on them and why, the
 * features that moved, the score and level after it, and the alerts raised; Chinese first, as alerts are.
 */
public final class CourseText {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ZoneId zone;
    private final long halfLifeMillis;

    public CourseText(ZoneId zone, Duration halfLife) {
        this.zone = zone;
        this.halfLifeMillis = halfLife.toMillis();
    }

    public String render(EnterpriseCourse course) {
        StringBuilder text = new StringBuilder();
        long signals = course.steps().stream().mapToLong(s -> s.signals().size()).sum();
        text.append(String.format("%s  %s%n规则集 rule set %s; %d 条信号 signals at %d 个时刻 moments%n",
                course.name(), course.enterpriseId(), course.ruleSetVersion(), signals, course.steps().size()));
        double score = 0;
        Set<String> activeBefore = Set.of();
        for (EnterpriseCourse.Step step : course.steps()) {
            text.append('\n');
            step.signals().forEach(s -> text.append(signalLine(s)));
            RiskSnapshot after = step.snapshot();
            if (after == null) {
                text.append("    (重复投递,已判过 a redelivery, judged before)\n");
                continue;
            }
            for (Hit hit : fired(step, activeBefore)) {
                text.append(String.format("    + %-9s %3d 分  %s%n", hit.ruleId(), hit.points(), hit.reason()));
            }
            text.append(String.format("    分数 score %.1f → %.1f  %s%s%n", score, after.score(),
                    after.level().label(), " " + after.level()));
            if (!after.hits().isEmpty()) {
                text.append("    在计 counting: ").append(counting(after)).append('\n');
            }
            if (!step.features().isEmpty()) {
                text.append("    特征 features: ").append(features(step.features())).append('\n');
            }
            step.alerts().forEach(a -> text.append(alertLine(a)));
            score = after.score();
            activeBefore = after.hits().stream().map(CourseText::key).collect(Collectors.toSet());
        }
        return text.toString();
    }

    /** Hits new at this step: not among those counting before it. */
    private static List<Hit> fired(EnterpriseCourse.Step step, Set<String> activeBefore) {
        return step.snapshot().hits().stream().filter(h -> !activeBefore.contains(key(h))).toList();
    }

    private static String key(Hit hit) {
        return hit.ruleId() + "@" + hit.at();
    }

    private String signalLine(Signal s) {
        List<String> facts = new ArrayList<>();
        if (s.amount() != null && s.amount().signum() != 0) {
            facts.add(yuan(s.amount()));
        }
        if (s.workers() != null) {
            facts.add(s.workers() + " 人");
        }
        if (s.months() != null) {
            facts.add(s.months() + " 个月");
        }
        s.attributes().forEach((k, v) -> {
            if (!k.equals("complainant")) { // who complained is not for a report
                facts.add(k + "=" + v);
            }
        });
        return String.format("%s  %s %s  %s  [%s]%n", MINUTE.format(s.occurredAt().atZone(zone)), s.type().label(),
                s.type(), String.join(" ", facts), s.id());
    }

    private static String yuan(BigDecimal amount) {
        return String.format("%,.0f 元", amount);
    }

    private String counting(RiskSnapshot after) {
        List<String> parts = new ArrayList<>();
        for (Hit hit : after.hits()) {
            double left = hit.decayedPoints(after.asOf().toEpochMilli() - hit.at().toEpochMilli(), halfLifeMillis);
            parts.add(String.format("%s %.1f/%d", hit.ruleId(), left, hit.points()));
        }
        return String.join(", ", parts);
    }

    private static String features(Map<String, EnterpriseCourse.Change> changes) {
        List<String> parts = new ArrayList<>();
        changes.forEach((name, c) -> parts.add(c.before() == null ? name + "=" + number(c.after())
                : name + " " + number(c.before()) + "→" + number(c.after())));
        return String.join(", ", parts);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format("%.2f", value);
    }

    private static String alertLine(Alert a) {
        String agencies = a.agencies().stream().map(Agency::label).collect(Collectors.joining("、"));
        return String.format("    ⚑ 预警 alert %s%s %.1f 分, 通知 %s  [%s]%n", a.level().label(), a.level(), a.score(),
                agencies, a.id());
    }
}
