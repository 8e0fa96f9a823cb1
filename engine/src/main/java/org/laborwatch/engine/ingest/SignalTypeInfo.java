package org.laborwatch.engine.ingest;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.laborwatch.rules.fact.Signal;

/** Flink's type information for signals, so they travel with {@link SignalSerializer}. */
public final class SignalTypeInfo extends TypeInformation<Signal> {
    private static final long serialVersionUID = 1L;

    public static final SignalTypeInfo INSTANCE = new SignalTypeInfo();

    private SignalTypeInfo() {
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<Signal> getTypeClass() {
        return Signal.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Signal> createSerializer(SerializerConfig config) {
        return new SignalSerializer();
    }

    @Override
    public String toString() {
        return "SignalTypeInfo";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof SignalTypeInfo;
    }

    @Override
    public int hashCode() {
        return SignalTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof SignalTypeInfo;
    }
}
