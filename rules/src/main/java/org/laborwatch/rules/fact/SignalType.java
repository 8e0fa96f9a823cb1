package org.laborwatch.rules.fact;

/** The kinds of enterprise signal the monitoring programme receives (DESIGN.md, "Signal"). */
public enum SignalType {
    WAGE_ARREARS("欠薪"),
    COMPLAINT("投诉"),
    CONSULTATION("咨询"),
    SOCIAL_INSURANCE_ARREARS("欠缴社保"),
    UTILITY_ARREARS("欠缴水电"),
    TAX_ARREARS("欠税"),
    PAYROLL_DELAY("工资延发"),
    ARBITRATION_CASE("劳动仲裁"),
    LAWSUIT("劳动诉讼"),
    LAYOFF("裁员"),
    COLLECTIVE_INCIDENT("群体性事件"),
    ENTERPRISE_STATUS("经营状态"),
    LEGAL_AID("法律援助"),
    CASE_OUTCOME("处置结果");

    private final String label;

    SignalType(String label) {
        this.label = label;
    }

    /** The Chinese name users read in reasons and reports. */
    public String label() {
        return label;
    }
}
