package org.laborwatch.engine.risk;

import org.laborwatch.engine.ingest.SerializerTypeInfo;

/** Flink's type information for {@link EnterpriseState}, so it is kept with {@link EnterpriseStateSerializer}. */
public final class EnterpriseStateTypeInfo extends SerializerTypeInfo<EnterpriseState> {
    private static final long serialVersionUID = 1L;

    public static final EnterpriseStateTypeInfo INSTANCE = new EnterpriseStateTypeInfo();

    private EnterpriseStateTypeInfo() {
        super(EnterpriseState.class, EnterpriseStateSerializer::new);
    }
}
