package org.laborwatch.engine.ingest;

import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.laborwatch.connectors.json.DeadLetter;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.Rejection;

/**
 * Decoding results as a source that decodes emits them (the Kafka source). They are normally handed to the next,
 * chained operator as objects; this serializer exists for when they are not, so Kryo never has to.
 */
public final class DecodedSerializer extends TypeSerializer<Decoded> {
    private static final long serialVersionUID = 1L;
    private static final byte ACCEPTED = 0;
    private static final byte REJECTED = 1;
    private static final Rejection[] REJECTIONS = Rejection.values();

    private final SignalSerializer signals = new SignalSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<Decoded> duplicate() {
        return new DecodedSerializer();
    }

    @Override
    public Decoded createInstance() {
        return null;
    }

    @Override
    public Decoded copy(Decoded from) {
        return from;
    }

    @Override
    public Decoded copy(Decoded from, Decoded reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Decoded record, DataOutputView out) throws IOException {
        if (record instanceof Decoded.Accepted accepted) {
            out.writeByte(ACCEPTED);
            signals.serialize(accepted.signal(), out);
        } else if (record instanceof Decoded.Rejected rejected) {
            out.writeByte(REJECTED);
            DeadLetter d = rejected.deadLetter();
            out.writeByte(d.reason().code().ordinal());
            SignalSerializer.writeString(d.reason().message(), out);
            SignalSerializer.writeString(d.raw(), out);
            out.writeBoolean(d.truncated());
            SignalSerializer.writeString(d.origin(), out);
            out.writeLong(d.at().getEpochSecond());
            out.writeInt(d.at().getNano());
        }
    }

    @Override
    public Decoded deserialize(DataInputView in) throws IOException {
        byte tag = in.readByte();
        if (tag == ACCEPTED) {
            return new Decoded.Accepted(signals.deserialize(in));
        }
        Rejection code = REJECTIONS[in.readByte()];
        String message = signals.readString(in);
        String raw = signals.readString(in);
        boolean truncated = in.readBoolean();
        String origin = signals.readString(in);
        Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
        return new Decoded.Rejected(new DeadLetter(new DeadLetter.Reason(code, message), raw, truncated, origin, at));
    }

    @Override
    public Decoded deserialize(Decoded reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof DecodedSerializer;
    }

    @Override
    public int hashCode() {
        return DecodedSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<Decoded> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Nothing to configure: the format is fixed, like {@link SignalSerializer}'s, whose version it shares. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Decoded> {
        public Snapshot() {
            super(DecodedSerializer::new);
        }
    }
}
