package org.laborwatch.engine.ingest;

import org.apache.flink.util.Collector;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.rules.fact.Signal;

/** For sources that decode as they read (Kafka): signals go on, dead letters to {@link #REJECTED}. */
public class AcceptDecoded extends SignalIntake<Decoded> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(Decoded decoded, Context ctx, Collector<Signal> out) {
        counted();
        route(decoded, ctx, out);
    }
}
