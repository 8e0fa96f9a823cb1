package org.laborwatch.engine.ingest;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.TypeSerializer;
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
 * <p>Strings are {@link Utf8Strings} (the codec bounds a record, so no length overflows an int); enums are their
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

    private static final int CACHED_MAX_BYTES = 64;

    private transient Utf8Strings strings;

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
        writeAttributes(s.attributes(), out);
    }

    /**
     * In key order, so a signal always has the same bytes: an immutable map iterates in an order that depends on how
     * it was built and on the JVM, and copies of a record (checkpoints, {@link #copy}) should not.
     */
    private static void writeAttributes(Map<String, String> attributes, DataOutputView out) throws IOException {
        out.writeInt(attributes.size());
        if (attributes.size() <= 2) { // most signals: ordered without building a sorted map
            Iterator<Map.Entry<String, String>> entries = attributes.entrySet().iterator();
            Map.Entry<String, String> first = entries.hasNext() ? entries.next() : null;
            Map.Entry<String, String> second = entries.hasNext() ? entries.next() : null;
            if (second != null && first.getKey().compareTo(second.getKey()) > 0) {
                writeAttribute(second, out);
                writeAttribute(first, out);
            } else {
                writeAttribute(first, out);
                writeAttribute(second, out);
            }
            return;
        }
        for (Map.Entry<String, String> a : new TreeMap<>(attributes).entrySet()) {
            writeAttribute(a, out);
        }
    }

    private static void writeAttribute(Map.Entry<String, String> attribute, DataOutputView out) throws IOException {
        if (attribute != null) {
            writeString(attribute.getKey(), out);
            writeString(attribute.getValue(), out);
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
        Map<String, String> attributes = readAttributes(in);
        return new Signal(id, type, enterpriseId, enterpriseName, district, industry,
                source < 0 ? null : SOURCES[source], occurredAt, amount, workers, months, attributes);
    }

    /**
     * Most signals carry one or two attributes: those become the immutable map {@link Signal} would copy them into
     * anyway, so it keeps them as they are instead of copying a HashMap built here.
     */
    private Map<String, String> readAttributes(DataInputView in) throws IOException {
        int count = in.readInt();
        switch (count) {
            case 0:
                return Map.of();
            case 1:
                return Map.of(readRepeated(in), readRepeated(in));
            case 2:
                String key = readRepeated(in);
                String value = readRepeated(in);
                return Map.of(key, value, readRepeated(in), readRepeated(in));
            default:
                Map<String, String> attributes = new HashMap<>(count * 2);
                for (int i = 0; i < count; i++) {
                    attributes.put(readRepeated(in), readRepeated(in));
                }
                return attributes;
        }
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
        Utf8Strings.write(s, out);
    }

    String readString(DataInputView in) throws IOException {
        return strings().read(in);
    }

    private String readRepeated(DataInputView in) throws IOException {
        return strings().readRepeated(in);
    }

    private Utf8Strings strings() {
        if (strings == null) {
            strings = new Utf8Strings(CACHED_MAX_BYTES);
        }
        return strings;
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

    /** Records the wire format ({@link FormatSnapshot}). */
    public static final class Snapshot extends FormatSnapshot<Signal> {
        public Snapshot() {
            super("signals", VERSION, SignalSerializer::new);
        }
    }
}
