package org.laborwatch.engine.ingest;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.laborwatch.connectors.file.RawLine;
import org.laborwatch.connectors.json.DeadLetter;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.Rejection;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.rules.fact.Signal;

/** Decodes raw lines into signals; whatever does not decode goes to {@link #REJECTED} with its reason and origin. */
public class DecodeSignals extends ProcessFunction<RawLine, Signal> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> REJECTED =
            new OutputTag<>("rejected", TypeInformation.of(DeadLetter.class));
    public static final String ACC_READ = "signals-read";
    public static final String ACC_REJECTED_PREFIX = "rejected.";

    private final SignalCodec codec;
    private transient LongCounter read;
    private transient LongCounter[] rejected;

    public DecodeSignals(SignalCodec codec) {
        this.codec = codec;
    }

    @Override
    public void open(OpenContext openContext) {
        read = new LongCounter();
        getRuntimeContext().addAccumulator(ACC_READ, read);
        rejected = new LongCounter[Rejection.values().length];
        for (Rejection r : Rejection.values()) {
            rejected[r.ordinal()] = new LongCounter();
            getRuntimeContext().addAccumulator(ACC_REJECTED_PREFIX + r.name(), rejected[r.ordinal()]);
        }
    }

    @Override
    public void processElement(RawLine line, Context ctx, Collector<Signal> out) {
        if (!line.cut() && line.isBlank()) {
            return; // blank lines separate nothing in JSON Lines; they are not records
        }
        read.add(1);
        if (line.cut()) {
            reject(codec.oversize(line.text(), line.bytes(), line.origin()), ctx);
            return;
        }
        Decoded decoded = codec.decode(line.utf8(), line.file(), line.line());
        if (decoded instanceof Decoded.Accepted accepted) {
            out.collect(accepted.signal());
        } else if (decoded instanceof Decoded.Rejected r) {
            reject(r.deadLetter(), ctx);
        }
    }

    private void reject(DeadLetter deadLetter, Context ctx) {
        rejected[deadLetter.reason().code().ordinal()].add(1);
        ctx.output(REJECTED, deadLetter);
    }
}
