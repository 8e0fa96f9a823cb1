package org.laborwatch.engine.risk;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.laborwatch.rules.fact.SignalSource;

/**
 * The dedupe keys (source + id, DESIGN.md) an enterprise has seen, each with the event time it came with: an
 * open-addressing hash set over three {@code long} arrays. A key is stood for by two independent 64-bit hashes; two
 * different keys would have to collide in both, 128 bits, before one could pass for the other.
 *
 * <p>Why not a {@code HashMap<String, Long>}: a node, a key string, its bytes and a boxed time per signal made the
 * dedupe keys the most numerous objects in enterprise state, and every one of them was copied by the garbage
 * collector when it was promoted. Here an enterprise's keys are three arrays.
 *
 * <p>Part of {@link EnterpriseState}, written by {@link EnterpriseStateSerializer}.
 */
public class SeenKeys {
    private static final int INITIAL_CAPACITY = 8;

    /** First and second hash per slot; both zero marks an empty slot. */
    public long[] first = new long[INITIAL_CAPACITY];
    public long[] second = new long[INITIAL_CAPACITY];
    /** The event time the key first came with. */
    public long[] times = new long[INITIAL_CAPACITY];
    public int size;

    public SeenKeys() {
    }

    /** Records the key; false when it was seen before, whatever time it claims now. */
    boolean add(SignalSource source, String id, long at) {
        long h1 = firstHash(source, id);
        long h2 = secondHash(source, id);
        if (h1 == 0 && h2 == 0) {
            h2 = 1; // zero in both is the empty slot
        }
        int mask = first.length - 1;
        int slot = (int) h1 & mask;
        while (first[slot] != 0 || second[slot] != 0) {
            if (first[slot] == h1 && second[slot] == h2) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        first[slot] = h1;
        second[slot] = h2;
        times[slot] = at;
        if (++size * 2 > first.length) {
            rebuild(first.length * 2, Long.MIN_VALUE);
        }
        return true;
    }

    /** A copy that shares nothing with this one: for the state serializer's copy-on-write. */
    SeenKeys copy() {
        SeenKeys c = new SeenKeys();
        c.first = first.clone();
        c.second = second.clone();
        c.times = times.clone();
        c.size = size;
        return c;
    }

    /** Writes the table as it is: its capacity, then each occupied slot with its place, so a read rebuilds it exactly. */
    void writeTo(DataOutputView out) throws IOException {
        out.writeInt(first.length);
        out.writeInt(size);
        for (int slot = 0; slot < first.length; slot++) {
            if (first[slot] != 0 || second[slot] != 0) {
                out.writeInt(slot);
                out.writeLong(first[slot]);
                out.writeLong(second[slot]);
                out.writeLong(times[slot]);
            }
        }
    }

    static SeenKeys readFrom(DataInputView in) throws IOException {
        SeenKeys keys = new SeenKeys();
        int capacity = in.readInt();
        keys.first = new long[capacity];
        keys.second = new long[capacity];
        keys.times = new long[capacity];
        keys.size = in.readInt();
        for (int i = 0; i < keys.size; i++) {
            int slot = in.readInt();
            keys.first[slot] = in.readLong();
            keys.second[slot] = in.readLong();
            keys.times[slot] = in.readLong();
        }
        return keys;
    }

    int size() {
        return size;
    }

    /** Forgets the keys whose time is before {@code cutoff}. */
    void removeOlderThan(long cutoff) {
        int kept = 0;
        for (int i = 0; i < first.length; i++) {
            if ((first[i] != 0 || second[i] != 0) && times[i] >= cutoff) {
                kept++;
            }
        }
        int capacity = INITIAL_CAPACITY;
        while (kept * 2 > capacity) {
            capacity *= 2;
        }
        rebuild(capacity, cutoff);
    }

    private void rebuild(int capacity, long cutoff) {
        long[] oldFirst = first;
        long[] oldSecond = second;
        long[] oldTimes = times;
        first = new long[capacity];
        second = new long[capacity];
        times = new long[capacity];
        size = 0;
        int mask = capacity - 1;
        for (int i = 0; i < oldFirst.length; i++) {
            if ((oldFirst[i] == 0 && oldSecond[i] == 0) || oldTimes[i] < cutoff) {
                continue;
            }
            int slot = (int) oldFirst[i] & mask;
            while (first[slot] != 0 || second[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            first[slot] = oldFirst[i];
            second[slot] = oldSecond[i];
            times[slot] = oldTimes[i];
            size++;
        }
    }

    /** FNV-1a over the source and the id's characters, then mixed so the low bits index well. */
    static long firstHash(SignalSource source, String id) {
        long h = 0xcbf29ce484222325L;
        h = (h ^ sourceCode(source)) * 0x100000001b3L;
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001b3L;
        }
        return mix(h);
    }

    /** A multiply-rotate hash with other constants: independent of {@link #firstHash} for all practical purposes. */
    static long secondHash(SignalSource source, String id) {
        long h = 0x9e3779b97f4a7c15L ^ (sourceCode(source) * 0xc2b2ae3d27d4eb4fL);
        for (int i = 0; i < id.length(); i++) {
            h = Long.rotateLeft((h ^ id.charAt(i)) * 0xff51afd7ed558ccdL, 31);
        }
        return mix(h ^ id.length());
    }

    /** By name, not ordinal: the hashes are kept in state, and a new or reordered source must not change them. */
    private static long sourceCode(SignalSource source) {
        return source == null ? 0 : (source.name().hashCode() & 0xffffffffL) + 1;
    }

    /** The finaliser of SplitMix64. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
