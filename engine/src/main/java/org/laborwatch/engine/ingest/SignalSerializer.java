package org.laborwatch.engine.ingest;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalSource;
import org.laborwatch.rules.fact.SignalType;

/**
 * Writes a {@link Signal} field by field, for the hop from the decoders to the risk operator that every signal takes.
 * Flink's record serializer reached the fields by reflection, wrote strings a character at a time and rebuilt each
 * record through a reflective constructor call; together about a tenth of the job's time in profiles.
 *
 * <p>Strings are length-prefixed UTF-8 (the codec bounds a record, so no length overflows an int); enums are their
 * ordinals, which is why {@link #VERSION} must change whenever {@link SignalType} or {@link SignalSource} are
 * reordered. Holds a read buffer and a cache of repeated strings, so {@link #duplicate()} makes a new instance for
 * every thread.
 */
public final class SignalSerializer extends TypeSerializer<Signal> {
    private static final long serialVersionUID = 1L;
    static final int VERSION = 1;

    private static final SignalType[] TYPES = SignalType.values();
    private static final SignalSource[] SOURCES = SignalSource.values();
    private static final byte ABSENT = 0;
    private static final byte SMALL_DECIMAL = 1;
    private static final byte LARGE_DECIMAL = 2;

    private static final int CACHE_SLOTS = 512;
    private static final int CACHED_MAX_BYTES = 64;

    private transient byte[] buffer;
    private transient byte[][] cachedBytes;
    private transient String[] cachedStrings;

    @Override
    public boolean isImmutableType() {
        return true; // a record of immutable values: Flink may hand the same instance on without copying
    }

    @Override
    public TypeSerializer<Signal> duplicate() {
        return new SignalSerializer();
    }

    @Override
    public Signal createInstance() {
        return null;
    }

    @Override
    public Signal copy(Signal from) {
        return from;
    }

    @Override
    public Signal copy(Signal from, Signal reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Signal s, DataOutputView out) throws IOException {
        writeString(s.id(), out);
        out.writeByte(s.type().ordinal());
        writeString(s.enterpriseId(), out);
        writeString(s.enterpriseName(), out);
        writeString(s.district(), out);
        writeString(s.industry(), out);
        out.writeByte(s.source() == null ? -1 : s.source().ordinal());
        out.writeLong(s.occurredAt().getEpochSecond());
        out.writeInt(s.occurredAt().getNano());
        writeDecimal(s.amount(), out);
        writeInteger(s.workers(), out);
        writeInteger(s.months(), out);
        out.writeInt(s.attributes().size());
        for (Map.Entry<String, String> a : s.attributes().entrySet()) {
            writeString(a.getKey(), out);
            writeString(a.getValue(), out);
        }
    }

    @Override
    public Signal deserialize(DataInputView in) throws IOException {
        String id = readString(in);
        SignalType type = TYPES[in.readByte()];
        String enterpriseId = readString(in);
        String enterpriseName = readString(in);
        String district = readRepeated(in);
        String industry = readRepeated(in);
        byte source = in.readByte();
        Instant occurredAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
        BigDecimal amount = readDecimal(in);
        Integer workers = readInteger(in);
        Integer months = readInteger(in);
        int count = in.readInt();
        Map<String, String> attributes = count == 0 ? Map.of() : new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            attributes.put(readRepeated(in), readRepeated(in));
        }
        return new Signal(id, type, enterpriseId, enterpriseName, district, industry,
                source < 0 ? null : SOURCES[source], occurredAt, amount, workers, months, attributes);
    }

    @Override
    public Signal deserialize(Signal reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    /** Length-prefixed UTF-8, -1 for null; {@link DecodedSerializer} writes its strings the same way. */
    static void writeString(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    String readString(DataInputView in) throws IOException {
        int length = readIntoBuffer(in);
        return length < 0 ? null : new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    /** Reads a string's bytes into the buffer; their length, or -1 for null. */
    private int readIntoBuffer(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return -1;
        }
        if (buffer == null || buffer.length < length) {
            buffer = new byte[Math.max(length, 256)];
        }
        in.readFully(buffer, 0, length);
        return length;
    }

    /**
     * Reads a string of a field whose values repeat (districts, industries, attribute names and values such as
     * channels): a small cache hands back the same String for the same bytes, saving the allocation and, for Chinese,
     * the UTF-8 decoding. Direct-mapped by a hash of the bytes, so a value that does not repeat simply takes a slot.
     */
    private String readRepeated(DataInputView in) throws IOException {
        int length = readIntoBuffer(in);
        if (length < 0) {
            return null;
        }
        if (length > CACHED_MAX_BYTES) {
            return new String(buffer, 0, length, StandardCharsets.UTF_8);
        }
        if (cachedBytes == null) {
            cachedBytes = new byte[CACHE_SLOTS][];
            cachedStrings = new String[CACHE_SLOTS];
        }
        int slot = slotOf(buffer, length);
        byte[] cached = cachedBytes[slot];
        if (cached != null && Arrays.equals(cached, 0, cached.length, buffer, 0, length)) {
            return cachedStrings[slot];
        }
        String value = new String(buffer, 0, length, StandardCharsets.UTF_8);
        cachedBytes[slot] = Arrays.copyOf(buffer, length);
        cachedStrings[slot] = value;
        return value;
    }

    private static int slotOf(byte[] bytes, int length) {
        int h = 1;
        for (int i = 0; i < length; i++) {
            h = 31 * h + bytes[i];
        }
        return (h ^ (h >>> 16)) & (CACHE_SLOTS - 1);
    }

    private static void writeDecimal(BigDecimal d, DataOutputView out) throws IOException {
        if (d == null) {
            out.writeByte(ABSENT);
        } else if (d.unscaledValue().bitLength() < 64) {
            out.writeByte(SMALL_DECIMAL);
            out.writeLong(d.unscaledValue().longValue());
            out.writeInt(d.scale());
        } else {
            out.writeByte(LARGE_DECIMAL);
            byte[] unscaled = d.unscaledValue().toByteArray();
            out.writeInt(unscaled.length);
            out.write(unscaled);
            out.writeInt(d.scale());
        }
    }

    private static BigDecimal readDecimal(DataInputView in) throws IOException {
        byte kind = in.readByte();
        if (kind == ABSENT) {
            return null;
        }
        if (kind == SMALL_DECIMAL) {
            return BigDecimal.valueOf(in.readLong(), in.readInt());
        }
        byte[] unscaled = new byte[in.readInt()];
        in.readFully(unscaled);
        return new BigDecimal(new BigInteger(unscaled), in.readInt());
    }

    private static void writeInteger(Integer i, DataOutputView out) throws IOException {
        out.writeBoolean(i != null);
        if (i != null) {
            out.writeInt(i);
        }
    }

    private static Integer readInteger(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof SignalSerializer;
    }

    @Override
    public int hashCode() {
        return SignalSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<Signal> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * Records the wire format; state written in another format is refused with a clear message rather than misread.
     * There is no older format to migrate from yet.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<Signal> {
        private int format = VERSION;

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeInt(format);
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
                throws IOException {
            format = in.readInt();
        }

        @Override
        public TypeSerializer<Signal> restoreSerializer() {
            if (format != VERSION) {
                throw new IllegalStateException("signals in this state were written in format " + format
                        + "; this build reads format " + VERSION);
            }
            return new SignalSerializer();
        }

        @Override
        public TypeSerializerSchemaCompatibility<Signal> resolveSchemaCompatibility(
                TypeSerializerSnapshot<Signal> old) {
            return old instanceof Snapshot s && s.format == VERSION
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
