package org.laborwatch.engine.risk;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.laborwatch.rules.fact.Signal;

/**
 * The event times at which enterprises want to be woken, earliest first: a binary min-heap over a plain {@code long}
 * array with the keys, and the signal waiting (or null for a plain timer), alongside. Sifting compares neighbouring
 * longs in one array instead of following a pointer to a timer object per comparison, which is what made Flink's
 * general-purpose heap timers a fifth of the risk operator's time (docs/benchmarks.md).
 *
 * <p>Equal times are ordered by key, then timer before signal, then signals by dedupe key and, for two copies of
 * one signal, by content, so one enterprise's signals are judged in the same order however they arrived.
 *
 * <p>Unlike Flink's timer queue it keeps duplicates: adding the same time and key twice wakes the key twice. Callers
 * that arm one wake-up per state change and ignore wake-ups they no longer expect need no dedupe.
 */
final class WakeUpQueue {
    private static final int INITIAL_CAPACITY = 256;

    private long[] times = new long[INITIAL_CAPACITY];
    private String[] keys = new String[INITIAL_CAPACITY];
    private Signal[] signals = new Signal[INITIAL_CAPACITY];
    private int size;

    /** A plain timer for {@code key}. */
    void add(long time, String key) {
        add(time, key, null);
    }

    /** {@code signal} waiting until {@code time}; null for a plain timer. */
    void add(long time, String key, Signal signal) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            keys = Arrays.copyOf(keys, size * 2);
            signals = Arrays.copyOf(signals, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(time, key, signal, parent)) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        put(i, time, key, signal);
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The earliest time; only when not empty. */
    long firstTime() {
        return times[0];
    }

    /** The key of the earliest time; only when not empty. */
    String firstKey() {
        return keys[0];
    }

    /** The signal waiting at the earliest time, or null when that is a plain timer; only when not empty. */
    Signal firstSignal() {
        return signals[0];
    }

    void removeFirst() {
        int last = --size;
        long time = times[last];
        String key = keys[last];
        Signal signal = signals[last];
        keys[last] = null;
        signals[last] = null;
        if (last == 0) {
            return;
        }
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < last && isBefore(child + 1, child)) {
                child++;
            }
            if (!isAfter(time, key, signal, child)) {
                break;
            }
            move(child, i);
            i = child;
        }
        put(i, time, key, signal);
    }

    /** Whether the entry at {@code a} comes before the one at {@code b}. */
    private boolean isBefore(int a, int b) {
        return before(times[a], keys[a], signals[a], b);
    }

    /** Whether (time, key, signal) comes after the entry at {@code index}. */
    private boolean isAfter(long time, String key, Signal signal, int index) {
        return compare(time, key, signal, index) > 0;
    }

    /** Whether (time, key, signal) comes before the entry at {@code index}. */
    private boolean before(long time, String key, Signal signal, int index) {
        return compare(time, key, signal, index) < 0;
    }

    private int compare(long time, String key, Signal signal, int index) {
        if (time != times[index]) {
            return time < times[index] ? -1 : 1; // the usual case: no strings compared
        }
        int byKey = key.compareTo(keys[index]);
        if (byKey != 0) {
            return byKey;
        }
        Signal other = signals[index];
        if (signal == null || other == null) {
            return signal == other ? 0 : signal == null ? -1 : 1; // the timer first
        }
        int byDedupeKey = signal.dedupeKey().compareTo(other.dedupeKey());
        return byDedupeKey != 0 ? byDedupeKey : SAME_KEY_AND_TIME.compare(signal, other);
    }

    /**
     * Two copies of one signal at the same time (a redelivery that corrects a field): which is judged, and which is
     * then the duplicate, must not depend on the heap's shape or on arrival, so order them by content.
     */
    private static final Comparator<Signal> SAME_KEY_AND_TIME = Comparator
            .comparing(Signal::amount, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Signal::workers, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Signal::months, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Signal::enterpriseName, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Signal::district, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Signal::industry, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Signal::attributes, WakeUpQueue::compareAttributes);

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

    private void move(int from, int to) {
        times[to] = times[from];
        keys[to] = keys[from];
        signals[to] = signals[from];
    }

    private void put(int index, long time, String key, Signal signal) {
        times[index] = time;
        keys[index] = key;
        signals[index] = signal;
    }

    /** The time at {@code index} in heap order, for walking every entry (snapshots, inspection). */
    long timeAt(int index) {
        return times[index];
    }

    String keyAt(int index) {
        return keys[index];
    }

    Signal signalAt(int index) {
        return signals[index];
    }
}
