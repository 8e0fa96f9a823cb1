package org.laborwatch.engine.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Strings for the hand-written serializers: length-prefixed UTF-8, -1 for null. Flink's own string serializer writes
 * a character at a time; this writes each string with one call.
 *
 * <p>Reading holds a buffer and a small cache that hands back the same String for the same bytes, for fields whose
 * values repeat (districts, industries, attribute names, rule ids and reasons), saving the allocation and, for
 * Chinese, the decoding. Not thread-safe: each serializer instance has its own.
 */
public final class Utf8Strings {
    private static final int CACHE_SLOTS = 512;

    private final int cachedMaxBytes;
    private byte[] buffer = new byte[256];
    private byte[][] cachedBytes;
    private String[] cachedStrings;
    /** Per slot, the hash of the last value read there and not cached: a value is cached when seen twice in a row. */
    private int[] lastMissed;

    /** @param cachedMaxBytes longer values are never cached: they seldom repeat */
    public Utf8Strings(int cachedMaxBytes) {
        this.cachedMaxBytes = cachedMaxBytes;
    }

    public static void write(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    public String read(DataInputView in) throws IOException {
        int length = readIntoBuffer(in);
        return length < 0 ? null : new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    /**
     * Reads a string of a field whose values mostly repeat. Direct-mapped by a hash of the bytes. A value is cached
     * the second time its slot sees it, so one-offs (a complainant's id among the attributes) neither cost a copy of
     * their bytes nor evict a value that repeats.
     */
    public String readRepeated(DataInputView in) throws IOException {
        int length = readIntoBuffer(in);
        if (length < 0) {
            return null;
        }
        if (length > cachedMaxBytes) {
            return new String(buffer, 0, length, StandardCharsets.UTF_8);
        }
        if (cachedBytes == null) {
            cachedBytes = new byte[CACHE_SLOTS][];
            cachedStrings = new String[CACHE_SLOTS];
            lastMissed = new int[CACHE_SLOTS];
        }
        int hash = hashOf(buffer, length);
        int slot = (hash ^ (hash >>> 16)) & (CACHE_SLOTS - 1);
        byte[] cached = cachedBytes[slot];
        if (cached != null && Arrays.equals(cached, 0, cached.length, buffer, 0, length)) {
            return cachedStrings[slot];
        }
        String value = new String(buffer, 0, length, StandardCharsets.UTF_8);
        if (lastMissed[slot] == hash) {
            cachedBytes[slot] = Arrays.copyOf(buffer, length);
            cachedStrings[slot] = value;
        } else {
            lastMissed[slot] = hash;
        }
        return value;
    }

    /** Reads a string's bytes into the buffer; their length, or -1 for null. */
    private int readIntoBuffer(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return -1;
        }
        if (buffer.length < length) {
            buffer = new byte[Math.max(length, 2 * buffer.length)];
        }
        in.readFully(buffer, 0, length);
        return length;
    }

    private static int hashOf(byte[] bytes, int length) {
        int h = 1;
        for (int i = 0; i < length; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }
}
