package org.laborwatch.engine.ingest;

import org.laborwatch.rules.fact.Signal;

/** Flink's type information for signals, so they travel with {@link SignalSerializer}. */
public final class SignalTypeInfo extends SerializerTypeInfo<Signal> {
    private static final long serialVersionUID = 1L;

    public static final SignalTypeInfo INSTANCE = new SignalTypeInfo();

    private SignalTypeInfo() {
        super(Signal.class, SignalSerializer::new);
    }
}
