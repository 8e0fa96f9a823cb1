package org.laborwatch.engine.backtest;

import java.util.Locale;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.RiskLevel;

/** How figures read in a report's cells, the same in Markdown and HTML. */
final class Cells {
    private Cells() {
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String share(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    static String days(Number days) {
        return days == null ? "—" : String.format(Locale.ROOT, "%.1f", days.doubleValue()).replace(".0", "");
    }

    /** A change with its sign: +12, −3, 0. */
    static String signed(Number n) {
        if (n == null) {
            return "—";
        }
        double v = n.doubleValue();
        String text = days(Math.abs(v));
        return v > 0 ? "+" + text : v < 0 ? "−" + text : text;
    }

    static String percentChange(Double percent) {
        return percent == null ? "—" : signed(Math.round(percent * 10) / 10.0) + "%";
    }

    /** From the baseline to the candidate: {@code +12 (+3.4%)}. */
    static String change(int before, int after) {
        return signed(after - before) + " (" + percentChange(Comparison.percent(before, after)) + ")";
    }

    static String level(RiskLevel level) {
        return level.label() + " " + level.name();
    }

    static String agency(Agency agency) {
        return agency.label() + " " + agency.name();
    }

    static String troubled(Boolean troubled) {
        return troubled == null ? "—" : troubled ? "是 yes" : "否 no";
    }
}
