package org.laborwatch.engine.risk;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.laborwatch.rules.fact.SignalSource;

/**
 * How far behind event time a signal of each source may arrive and still be judged. Sources deliver on their own
 * cadence (DESIGN.md, "Arrival"): monthly batches weeks after the fact, weekly uploads, or within hours; one limit
 * for all would either reject the monthly sources or hold every hotline call's state for weeks it never needs.
 */
public final class SourceLateness implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final SignalSource[] SOURCES = SignalSource.values();

    /** Indexed by {@link SignalSource#ordinal()}: looked up for every late signal. */
    private final long[] millis;

    private SourceLateness(long[] millis) {
        this.millis = millis;
    }

    /** A limit for every source; a source missing from {@code limits} is an error, not a silent default. */
    public static SourceLateness of(Map<SignalSource, Duration> limits) {
        long[] millis = new long[SOURCES.length];
        for (SignalSource source : SOURCES) {
            Duration limit = limits.get(source);
            if (limit == null || limit.isNegative()) {
                throw new IllegalArgumentException("no allowed lateness for source " + source
                        + (limit == null ? "" : " (negative: " + limit + ")"));
            }
            millis[source.ordinal()] = limit.toMillis();
        }
        return new SourceLateness(millis);
    }

    /** The same limit for every source (tests, and jobs that want one). */
    public static SourceLateness uniform(Duration limit) {
        Map<SignalSource, Duration> limits = new EnumMap<>(SignalSource.class);
        for (SignalSource source : SOURCES) {
            limits.put(source, limit);
        }
        return of(limits);
    }

    public long millis(SignalSource source) {
        return millis[source.ordinal()];
    }

    public Duration of(SignalSource source) {
        return Duration.ofMillis(millis(source));
    }

    /** The longest limit: how far back a late signal may reach into an enterprise's history. */
    public Duration longest() {
        return Duration.ofMillis(Arrays.stream(millis).max().orElse(0));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceLateness other && Arrays.equals(millis, other.millis);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(millis);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("SourceLateness{");
        for (SignalSource source : SOURCES) {
            s.append(source).append('=').append(of(source)).append(source.ordinal() < SOURCES.length - 1 ? ", " : "}");
        }
        return s.toString();
    }
}
