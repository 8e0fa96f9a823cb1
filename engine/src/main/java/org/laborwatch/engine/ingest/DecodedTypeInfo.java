package org.laborwatch.engine.ingest;

import org.laborwatch.connectors.json.Decoded;

/** Flink's type information for decoding results, so they travel with {@link DecodedSerializer}. */
public final class DecodedTypeInfo extends SerializerTypeInfo<Decoded> {
    private static final long serialVersionUID = 1L;

    public static final DecodedTypeInfo INSTANCE = new DecodedTypeInfo();

    private DecodedTypeInfo() {
        super(Decoded.class, DecodedSerializer::new);
    }
}
