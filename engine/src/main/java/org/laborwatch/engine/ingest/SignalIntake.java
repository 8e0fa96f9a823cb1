package org.laborwatch.engine.ingest;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.laborwatch.connectors.json.DeadLetter;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.Rejection;
import org.laborwatch.rules.fact.Signal;

/**
 * Where records become signals: accepted ones go on, the rest to {@link #REJECTED} with their reason and origin.
 * Counts both as accumulators (the run summary) and as metrics ({@code signalsIn}, {@code rejected.<REASON>}).
 */
public abstract class SignalIntake<IN> extends ProcessFunction<IN, Signal> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> REJECTED =
            new OutputTag<>("rejected", TypeInformation.of(DeadLetter.class));
    public static final String ACC_READ = "signals-read";
    public static final String ACC_REJECTED_PREFIX = "rejected.";

    private transient LongCounter read;
    private transient LongCounter[] rejected;
    private transient Counter readMetric;
    private transient Counter[] rejectedMetrics;

    @Override
    public void open(OpenContext openContext) {
        read = new LongCounter();
        getRuntimeContext().addAccumulator(ACC_READ, read);
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        readMetric = metrics.counter("signalsIn");
        MetricGroup byReason = metrics.addGroup("rejected");
        rejected = new LongCounter[Rejection.values().length];
        rejectedMetrics = new Counter[Rejection.values().length];
        for (Rejection r : Rejection.values()) {
            rejected[r.ordinal()] = new LongCounter();
            getRuntimeContext().addAccumulator(ACC_REJECTED_PREFIX + r.name(), rejected[r.ordinal()]);
            rejectedMetrics[r.ordinal()] = byReason.counter(r.name());
        }
    }

    /** One input record, whatever becomes of it. */
    protected final void counted() {
        read.add(1);
        readMetric.inc();
    }

    protected final void route(Decoded decoded, Context ctx, Collector<Signal> out) {
        if (decoded instanceof Decoded.Accepted accepted) {
            out.collect(accepted.signal());
        } else if (decoded instanceof Decoded.Rejected r) {
            reject(r.deadLetter(), ctx);
        }
    }

    protected final void reject(DeadLetter deadLetter, Context ctx) {
        int reason = deadLetter.reason().code().ordinal();
        rejected[reason].add(1);
        rejectedMetrics[reason].inc();
        ctx.output(REJECTED, deadLetter);
    }
}
