package org.laborwatch.engine.alert;

import java.time.Duration;
import java.util.Map;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * Decides whether a change deserves an alert. A level that rises past everything alerted within the window is news;
 * so is a critical rule that has not alerted within the window. Everything else would repeat what the agencies
 * already hold, and a flood of repeats is how real warnings get ignored.
 */
public final class Suppression {
    private final long windowMillis;

    public Suppression(Duration window) {
        this.windowMillis = window.toMillis();
    }

    public boolean isNewLevel(RiskLevel level, RiskLevel previous, RiskLevel alertedLevel, long alertedAt, long now) {
        if (level.compareTo(previous) <= 0 || level == RiskLevel.NONE) {
            return false;
        }
        return !isWindowOpen(alertedAt, now) || level.compareTo(alertedLevel) > 0;
    }

    /** Whether a level alerted at {@code alertedAt} still silences repeats at {@code now}. */
    public boolean isWindowOpen(long alertedAt, long now) {
        return alertedAt != Long.MIN_VALUE && now - alertedAt < windowMillis;
    }

    public boolean isNewCritical(String ruleId, Map<String, Long> criticalAlertedAt, long now) {
        Long last = criticalAlertedAt.get(ruleId);
        return last == null || now - last >= windowMillis;
    }
}
