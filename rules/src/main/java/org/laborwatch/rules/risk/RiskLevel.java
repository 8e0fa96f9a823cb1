package org.laborwatch.rules.risk;

/** The four-colour grading of Chinese early-warning systems (红橙黄蓝), plus NONE below the lowest band. */
public enum RiskLevel {
    NONE(0, "无"),
    BLUE(20, "蓝色"),
    YELLOW(40, "黄色"),
    ORANGE(60, "橙色"),
    RED(80, "红色");

    /** values() copies the array on every call; this runs once per judged signal. */
    private static final RiskLevel[] LEVELS = values();

    private final int threshold;
    private final String label;

    RiskLevel(int threshold, String label) {
        this.threshold = threshold;
        this.label = label;
    }

    public static RiskLevel forScore(double score) {
        RiskLevel[] levels = LEVELS;
        for (int i = levels.length - 1; i > 0; i--) {
            if (score >= levels[i].threshold) {
                return levels[i];
            }
        }
        return NONE;
    }

    public int threshold() {
        return threshold;
    }

    public String label() {
        return label;
    }

    public boolean isAtLeast(RiskLevel other) {
        return compareTo(other) >= 0;
    }
}
