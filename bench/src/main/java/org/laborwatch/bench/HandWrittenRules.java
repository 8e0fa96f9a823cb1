package org.laborwatch.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.feature.EnterpriseFeatures;
import org.laborwatch.rules.risk.RuleMeta;
import org.laborwatch.rules.ruleset.CompiledRuleSet;
import org.laborwatch.rules.ruleset.Finding;
import org.laborwatch.rules.ruleset.RuleEvaluator;

/**
 * The bundled rule library written as plain Java predicates: the ceiling Drools is measured against. Same
 * conditions, same reasons; {@link ThroughputBench} checks both raise the same alerts before it reports a figure.
 */
final class HandWrittenRules implements RuleEvaluator {
    private static final Set<String> SETTLING_OUTCOMES = Set.of("MEDIATED", "ARBITRATED", "JUDGED");

    private final CompiledRuleSet library;
    private final Map<String, RuleMeta> metaById = new HashMap<>();

    HandWrittenRules(CompiledRuleSet library) {
        this.library = library;
        library.rules().forEach(meta -> metaById.put(meta.id(), meta));
    }

    @Override
    public String version() {
        return library.version();
    }

    @Override
    public List<Finding> evaluate(EnterpriseFeatures f, Signal s) {
        List<Finding> out = new ArrayList<>(2);
        switch (f.signalType()) {
            case WAGE_ARREARS -> wageArrears(f, s, out);
            case PAYROLL_DELAY -> {
                when(f.payrollDelays90d() >= 2, "PAY-001", () -> "近 90 天工资延发 " + f.payrollDelays90d() + " 次", out);
                troubleAfterRecovery(f, out);
                unresolvedCase(f, out);
                repeatOffender(f, out);
            }
            case COMPLAINT -> {
                when(f.complaints30d() >= 3 && f.complaints30d() >= 3 * f.complaintBaseline30d() + 1, "CMP-001", () ->
                        String.format("近 30 天投诉 %d 件,自身基线每 30 天 %.1f 件", f.complaints30d(),
                                f.complaintBaseline30d()), out);
                when(f.distinctComplainants30d() >= 4, "CMP-002", () ->
                        "近 30 天有 " + f.distinctComplainants30d() + " 名不同劳动者投诉", out);
            }
            case CONSULTATION -> when(f.consultations30d() >= 4
                    && f.consultations30d() >= 3 * f.consultationBaseline30d() + 1, "CON-001", () ->
                    String.format("近 30 天法律咨询 %d 次,自身基线每 30 天 %.1f 次", f.consultations30d(),
                            f.consultationBaseline30d()), out);
            case LEGAL_AID -> when(f.legalAid30d() >= 2, "AID-001", () -> "近 30 天法律援助申请 " + f.legalAid30d() + " 件", out);
            case SOCIAL_INSURANCE_ARREARS -> {
                when(f.socialInsuranceMonthsMax() >= 2, "SI-001", () -> "欠缴社会保险费 " + f.socialInsuranceMonthsMax()
                        + " 个月", out);
                bothArrears(f, out);
                taxAndInsurance(f, out);
                abnormalStatus(f, out);
                repeatOffender(f, out);
            }
            case UTILITY_ARREARS -> {
                when(f.utilityMonthsMax() >= 3, "UTIL-001", () -> "欠缴水电费 " + f.utilityMonthsMax() + " 个月", out);
                bothArrears(f, out);
            }
            case TAX_ARREARS -> taxAndInsurance(f, out);
            case ENTERPRISE_STATUS -> {
                abnormalStatus(f, out);
                refusalToPay(f, out);
            }
            case LAYOFF -> when(f.layoffWorkers90d() >= 20 && inArrears(f), "LAY-001", () -> "近 90 天裁员 "
                    + f.layoffWorkers90d() + " 人,同期存在欠薪、欠缴社保或工资延发", out);
            case ARBITRATION_CASE -> when(f.arbitrationCases90d() >= 2, "LAW-001", () -> "近 90 天劳动仲裁案件 "
                    + f.arbitrationCases90d() + " 件", out);
            case LAWSUIT -> when(f.lawsuits90d() >= 1, "LAW-002", () -> "近 90 天劳动争议诉讼 " + f.lawsuits90d() + " 件", out);
            case COLLECTIVE_INCIDENT -> when(true, "COL-001", () -> "发生群体性事件" + (s.workers() != null
                    ? ",涉及 " + s.workers() + " 人" : ""), out);
            case CASE_OUTCOME -> settledWithWagesRecovered(s, out);
            default -> {
            }
        }
        return out;
    }

    private void wageArrears(EnterpriseFeatures f, Signal s, List<Finding> out) {
        when(f.wageArrearsMonthsMax() >= 3, "WAGE-001", () -> "拖欠工资已达 " + f.wageArrearsMonthsMax() + " 个月", out);
        when(f.wageArrearsAmount90d() >= 300000, "WAGE-002", () -> String.format("近 90 天欠薪金额累计 %.1f 万元",
                f.wageArrearsAmount90d() / 10000), out);
        when(s.workers() != null && s.workers() >= 10, "WAGE-003", () -> "一次欠薪涉及 " + s.workers() + " 名劳动者", out);
        when(f.wageArrearsMonthsMax() < 3 && f.wageArrearsAmount90d() < 300000, "WAGE-004", () ->
                "出现欠薪线索:近 90 天欠薪信号 " + f.wageArrears90d() + " 条", out);
        abnormalStatus(f, out);
        troubleAfterRecovery(f, out);
        unresolvedCase(f, out);
        refusalToPay(f, out);
        repeatOffender(f, out);
        when("建筑业".equals(f.industry()), "CST-001", () -> "建筑领域欠薪(农民工工资支付重点监管行业)", out);
    }

    private void bothArrears(EnterpriseFeatures f, List<Finding> out) {
        when(f.socialInsuranceMonthsMax() >= 1 && f.utilityMonthsMax() >= 1, "PRE-001", () -> "近 90 天同时欠缴社保("
                + f.socialInsuranceMonthsMax() + " 个月)与水电费(" + f.utilityMonthsMax() + " 个月),资金链紧张", out);
    }

    private void taxAndInsurance(EnterpriseFeatures f, List<Finding> out) {
        when(f.taxArrears90d() >= 1 && f.socialInsuranceMonthsMax() >= 1, "TAX-001", () -> "近 90 天欠税 "
                + f.taxArrears90d() + " 次且欠缴社保", out);
    }

    private void abnormalStatus(EnterpriseFeatures f, List<Finding> out) {
        when(f.statusAbnormal() && inArrears(f), "STA-001", () -> "经营状态异常,且近 90 天存在欠薪、欠缴社保或工资延发", out);
    }

    private void settledWithWagesRecovered(Signal s, List<Finding> out) {
        String outcome = s.attribute("outcome");
        String by = "MEDIATED".equals(outcome) ? "调解" : "ARBITRATED".equals(outcome) ? "仲裁" : "判决";
        if (SETTLING_OUTCOMES.contains(outcome) && s.amount() != null && s.amount().signum() > 0) {
            out.add(new Finding(metaById.get("OUT-002"), "案件经" + by + "结案,为劳动者挽回工资 "
                    + s.amount().toPlainString() + " 元,此前的预警依据不再计分", true));
        }
    }

    private void troubleAfterRecovery(EnterpriseFeatures f, List<Finding> out) {
        when(f.recovered90d() > 0, "OUT-003", () -> String.format("近 90 天内刚为劳动者挽回工资 %.0f 元,又出现",
                f.recovered90d()) + f.signalType().label(), out);
    }

    private void unresolvedCase(EnterpriseFeatures f, List<Finding> out) {
        when(f.unresolvedCases90d() >= 1, "OUT-001", () -> "前案未能化解(近 90 天 " + f.unresolvedCases90d()
                + " 件),又出现欠薪或工资延发", out);
    }

    private void refusalToPay(EnterpriseFeatures f, List<Finding> out) {
        when(f.wageArrearsMonthsMax() >= 2 && (f.statusAbnormal() || f.unresolvedCases90d() >= 1), "REF-001", () ->
                "涉嫌拒不支付劳动报酬:欠薪 " + f.wageArrearsMonthsMax() + " 个月,且"
                        + (f.statusAbnormal() ? "经营状态异常" : "责令支付后仍未化解"), out);
    }

    private void repeatOffender(EnterpriseFeatures f, List<Finding> out) {
        when(f.redEpisodes() >= 1, "REP-001", () -> "曾 " + f.redEpisodes() + " 次达到红色预警,再次出现欠薪类信号", out);
    }

    private static boolean inArrears(EnterpriseFeatures f) {
        return f.wageArrears90d() > 0 || f.socialInsuranceMonthsMax() >= 1 || f.payrollDelays90d() > 0;
    }

    /** The reason is built only when the rule fires, as a DRL consequence is. */
    private void when(boolean condition, String ruleId, Supplier<String> reason, List<Finding> out) {
        if (condition) {
            out.add(new Finding(metaById.get(ruleId), reason.get()));
        }
    }
}
