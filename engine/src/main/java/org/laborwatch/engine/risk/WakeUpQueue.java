package org.laborwatch.engine.risk;

import java.util.Arrays;

/**
 * The event times at which enterprises want to be woken, earliest first: a binary min-heap over a plain {@code long}
 * array with the keys alongside. Sifting compares neighbouring longs in one array instead of following a pointer to a
 * timer object per comparison, which is what made Flink's general-purpose heap timers a fifth of the risk operator's
 * time (docs/benchmarks.md).
 *
 * <p>Unlike Flink's timer queue it keeps duplicates: adding the same time and key twice wakes the key twice. Callers
 * that arm one wake-up per state change and ignore wake-ups they no longer expect need no dedupe.
 */
final class WakeUpQueue {
    private static final int INITIAL_CAPACITY = 256;

    private long[] times = new long[INITIAL_CAPACITY];
    private String[] keys = new String[INITIAL_CAPACITY];
    private int size;

    void add(long time, String key) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            keys = Arrays.copyOf(keys, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (times[parent] <= time) {
                break;
            }
            times[i] = times[parent];
            keys[i] = keys[parent];
            i = parent;
        }
        times[i] = time;
        keys[i] = key;
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

    void removeFirst() {
        int last = --size;
        long time = times[last];
        String key = keys[last];
        keys[last] = null;
        if (last == 0) {
            return;
        }
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < last && times[child + 1] < times[child]) {
                child++;
            }
            if (time <= times[child]) {
                break;
            }
            times[i] = times[child];
            keys[i] = keys[child];
            i = child;
        }
        times[i] = time;
        keys[i] = key;
    }

    /** The time at {@code index} in heap order, for walking every entry (snapshots, inspection). */
    long timeAt(int index) {
        return times[index];
    }

    String keyAt(int index) {
        return keys[index];
    }
}
