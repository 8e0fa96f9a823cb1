package org.laborwatch.engine.ingest;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.laborwatch.connectors.json.Decoded;

/** Flink's type information for decoding results, so they travel with {@link DecodedSerializer}. */
public final class DecodedTypeInfo extends TypeInformation<Decoded> {
    private static final long serialVersionUID = 1L;

    public static final DecodedTypeInfo INSTANCE = new DecodedTypeInfo();

    private DecodedTypeInfo() {
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
    public Class<Decoded> getTypeClass() {
        return Decoded.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Decoded> createSerializer(SerializerConfig config) {
        return new DecodedSerializer();
    }

    @Override
    public String toString() {
        return "DecodedTypeInfo";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof DecodedTypeInfo;
    }

    @Override
    public int hashCode() {
        return DecodedTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof DecodedTypeInfo;
    }
}
