package org.laborwatch.engine.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the configuration writes them ({@code 45d}, {@code 90s}) and as messages say them. */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(d|h|min|s|ms)");

    private Durations() {
    }

    /** {@code 45d}, {@code 12h}, {@code 30min}, {@code 60s}, {@code 500ms}; null when {@code text} is none of these. */
    public static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            case "min" -> Duration.ofMinutes(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMillis(n);
        };
    }

    /** In the largest unit it reaches: {@code 45 d}, {@code 1.5 d}, {@code 12 h}, {@code 30 min}, {@code 3 s}. */
    public static String describe(Duration d) {
        long millis = d.toMillis();
        if (millis >= 86_400_000L) {
            return figure(millis / 86_400_000.0) + " d";
        }
        if (millis >= 3_600_000L) {
            return figure(millis / 3_600_000.0) + " h";
        }
        if (millis >= 60_000L) {
            return figure(millis / 60_000.0) + " min";
        }
        return figure(millis / 1_000.0) + " s";
    }

    private static String figure(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? String.valueOf((long) rounded) : String.valueOf(rounded);
    }
}
