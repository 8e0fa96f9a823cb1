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
 * collector when it was promoted. Here an enterprise's keys are one array, three longs per slot (first hash, second
 * hash, time), starting at four slots: most enterprises of a city send a handful of signals a year, and the table is
 * promoted with every new enterprise (three arrays of eight slots were the largest part of a new enterprise's state).
 *
 * <p>Part of {@link EnterpriseState}, written by {@link EnterpriseStateSerializer}.
 */
public class SeenKeys {
    private static final int INITIAL_CAPACITY = 4;
    private static final int FIRST = 0;
    private static final int SECOND = 1;
    private static final int TIME = 2;
    private static final int WIDTH = 3;

    /** {@link #WIDTH} longs per slot; zero in both hashes marks an empty slot. */
    private long[] slots = new long[INITIAL_CAPACITY * WIDTH];
    private int size;

    public SeenKeys() {
    }

    private SeenKeys(long[] slots, int size) {
        this.slots = slots;
        this.size = size;
    }

    /** Whether the key was seen (and not pruned since). */
    boolean contains(SignalSource source, String id) {
        long h1 = firstHash(source, id);
        return occupied(slots, slotOf(h1, nonZero(h1, secondHash(source, id))));
    }

    /** Records the key; false when it was seen before, whatever time it claims now. */
    boolean add(SignalSource source, String id, long at) {
        long h1 = firstHash(source, id);
        long h2 = nonZero(h1, secondHash(source, id));
        int slot = slotOf(h1, h2);
        if (occupied(slots, slot)) {
            return false;
        }
        put(slots, slot, h1, h2, at);
        if (tooFull(++size, capacity())) {
            rebuild(capacity() * 2, Long.MIN_VALUE);
        }
        return true;
    }

    /** Zero in both hashes is the empty slot. */
    private static long nonZero(long h1, long h2) {
        return h1 == 0 && h2 == 0 ? 1 : h2;
    }

    /** The slot holding the key, or the empty slot where it would go. */
    private int slotOf(long h1, long h2) {
        int mask = capacity() - 1;
        int slot = (int) h1 & mask;
        while (occupied(slots, slot)) {
            int i = slot * WIDTH;
            if (slots[i + FIRST] == h1 && slots[i + SECOND] == h2) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** A copy that shares nothing with this one: for the state serializer's copy-on-write. */
    SeenKeys copy() {
        return new SeenKeys(slots.clone(), size);
    }

    /** Writes the table as it is: its capacity, then each occupied slot with its place, so a read rebuilds it exactly. */
    void writeTo(DataOutputView out) throws IOException {
        out.writeInt(capacity());
        out.writeInt(size);
        for (int slot = 0; slot < capacity(); slot++) {
            if (occupied(slots, slot)) {
                int i = slot * WIDTH;
                out.writeInt(slot);
                out.writeLong(slots[i + FIRST]);
                out.writeLong(slots[i + SECOND]);
                out.writeLong(slots[i + TIME]);
            }
        }
    }

    static SeenKeys readFrom(DataInputView in) throws IOException {
        long[] slots = new long[in.readInt() * WIDTH];
        int size = in.readInt();
        for (int n = 0; n < size; n++) {
            int i = in.readInt() * WIDTH;
            slots[i + FIRST] = in.readLong();
            slots[i + SECOND] = in.readLong();
            slots[i + TIME] = in.readLong();
        }
        return new SeenKeys(slots, size);
    }

    int size() {
        return size;
    }

    int capacity() {
        return slots.length / WIDTH;
    }

    /** Forgets the keys whose time is before {@code cutoff}. */
    void removeOlderThan(long cutoff) {
        int kept = 0;
        for (int slot = 0; slot < capacity(); slot++) {
            if (keeps(slots, slot, cutoff)) {
                kept++;
            }
        }
        int capacity = INITIAL_CAPACITY;
        while (tooFull(kept, capacity)) {
            capacity *= 2;
        }
        rebuild(capacity, cutoff);
    }

    private void rebuild(int capacity, long cutoff) {
        long[] old = slots;
        slots = new long[capacity * WIDTH];
        size = 0;
        int mask = capacity - 1;
        for (int oldSlot = 0; oldSlot < old.length / WIDTH; oldSlot++) {
            if (!keeps(old, oldSlot, cutoff)) {
                continue;
            }
            int i = oldSlot * WIDTH;
            int slot = (int) old[i + FIRST] & mask;
            while (occupied(slots, slot)) {
                slot = (slot + 1) & mask;
            }
            put(slots, slot, old[i + FIRST], old[i + SECOND], old[i + TIME]);
            size++;
        }
    }

    /** Three quarters full at most: the hashes are well mixed, and most tables hold a handful of keys. */
    private static boolean tooFull(int size, int capacity) {
        return size * 4 > capacity * 3;
    }

    /** An occupied slot whose time is not before {@code cutoff}. */
    private static boolean keeps(long[] slots, int slot, long cutoff) {
        return occupied(slots, slot) && slots[slot * WIDTH + TIME] >= cutoff;
    }

    private static boolean occupied(long[] slots, int slot) {
        int i = slot * WIDTH;
        return slots[i + FIRST] != 0 || slots[i + SECOND] != 0;
    }

    private static void put(long[] slots, int slot, long h1, long h2, long at) {
        int i = slot * WIDTH;
        slots[i + FIRST] = h1;
        slots[i + SECOND] = h2;
        slots[i + TIME] = at;
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
