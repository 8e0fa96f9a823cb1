package org.laborwatch.rules.feature;

/** The sliding event-time horizons features are counted over (DESIGN.md: 7, 30 and 90 days). */
public final class Horizons {
    public static final long DAY_MILLIS = 86_400_000L;
    static final int[] DAYS = {7, 30, 90};
    /** A burst is compared with the enterprise's own rate over the 90 days before the last 30. */
    static final int BASELINE_FROM_DAYS = 30;
    static final int BASELINE_TO_DAYS = 120;

    private Horizons() {
    }

    static int index(int days) {
        return switch (days) {
            case 7 -> 0;
            case 30 -> 1;
            case 90 -> 2;
            default -> throw new IllegalArgumentException(
                    "horizon must be 7, 30 or 90 days, got " + days);
        };
    }
}
