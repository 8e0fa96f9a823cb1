package org.laborwatch.engine.risk;

import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.laborwatch.rules.fact.Signal;

/**
 * The order in which one enterprise's signals are judged: by event time, then by dedupe key, then by content. Total
 * over everything a signal carries, so the order, and with it which of two copies is the duplicate, never depends on
 * arrival, partitioning or how a sort happened to break a tie.
 */
final class JudgingOrder {
    private JudgingOrder() {
    }

    /**
     * Two copies of one signal at the same time (a redelivery that corrects a field): which is judged, and which is
     * then the duplicate, must not depend on arrival, so order them by content.
     */
    static final Comparator<Signal> SAME_KEY_AND_TIME = Comparator
            .comparing(Signal::amount, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Signal::workers, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Signal::months, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Signal::enterpriseName, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Signal::district, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Signal::industry, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Signal::attributes, JudgingOrder::compareAttributes);

    /** One enterprise's signals, oldest first. */
    static final Comparator<Signal> SIGNALS = Comparator.comparingLong(Signal::occurredAtMillis)
            .thenComparing(Signal::dedupeKey)
            .thenComparing(SAME_KEY_AND_TIME);

    /** Entry by entry in key order; the maps' text would make {a="1, b=2"} and {a=1, b=2} equal. */
    private static int compareAttributes(Map<String, String> a, Map<String, String> b) {
        Iterator<Map.Entry<String, String>> x = new TreeMap<>(a).entrySet().iterator();
        Iterator<Map.Entry<String, String>> y = new TreeMap<>(b).entrySet().iterator();
        while (x.hasNext() && y.hasNext()) {
            Map.Entry<String, String> ex = x.next();
            Map.Entry<String, String> ey = y.next();
            int c = ex.getKey().compareTo(ey.getKey());
            if (c == 0) {
                c = ex.getValue().compareTo(ey.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(x.hasNext(), y.hasNext());
    }
}
