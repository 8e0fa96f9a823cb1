package org.laborwatch.rules.feature;

import java.util.ArrayList;
import java.util.List;

/**
 * The recent signals of one enterprise, oldest first. The engine keeps one per enterprise in keyed state and
 * prunes it to {@link #RETENTION_DAYS}, which covers the longest horizon plus the baseline before it.
 *
 * <p>Mutable on purpose: it is updated once per signal on the hot path, and copying it each time would cost more
 * than the rule evaluation it feeds. It never leaves the operator that owns it.
 */
public final class SignalHistory {
    public static final int RETENTION_DAYS = 180;

    private List<Trace> traces = new ArrayList<>();

    public SignalHistory() {
    }

    public SignalHistory(List<Trace> traces) {
        this.traces = new ArrayList<>(traces);
    }

    /** Adds a trace keeping time order; late signals land in their place, not at the end. */
    public void add(Trace trace) {
        int i = traces.size();
        while (i > 0 && traces.get(i - 1).at() > trace.at()) {
            i--;
        }
        traces.add(i, trace);
    }

    /** Drops traces older than the retention horizon, seen from {@code nowMillis}. */
    public void prune(long nowMillis) {
        long cutoff = nowMillis - RETENTION_DAYS * Horizons.DAY_MILLIS;
        int drop = 0;
        while (drop < traces.size() && traces.get(drop).at() < cutoff) {
            drop++;
        }
        if (drop > 0) {
            traces.subList(0, drop).clear();
        }
    }

    public List<Trace> getTraces() {
        return traces;
    }

    /** For Flink's POJO serializer. */
    public void setTraces(List<Trace> traces) {
        this.traces = traces;
    }

    public boolean isEmpty() {
        return traces.isEmpty();
    }

    public int size() {
        return traces.size();
    }
}
