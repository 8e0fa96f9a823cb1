package org.laborwatch.engine.ingest;

import org.apache.flink.util.Collector;
import org.laborwatch.connectors.file.RawLine;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.rules.fact.Signal;

/** Decodes raw lines of a file into signals; whatever does not decode goes to {@link #REJECTED}. */
public class DecodeSignals extends SignalIntake<RawLine> {
    private static final long serialVersionUID = 1L;

    private final SignalCodec codec;

    public DecodeSignals(SignalCodec codec) {
        this.codec = codec;
    }

    @Override
    public void processElement(RawLine line, Context ctx, Collector<Signal> out) {
        if (!line.cut() && line.isBlank()) {
            return; // blank lines separate nothing in JSON Lines; they are not records
        }
        counted();
        if (line.cut()) {
            reject(codec.oversize(line.text(), line.bytes(), line.origin()), ctx);
            return;
        }
        route(codec.decode(line.utf8(), line.file(), line.line()), ctx, out);
    }
}
