package org.laborwatch.engine.risk;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.laborwatch.rules.risk.RiskSnapshot;

/**
 * For bounded runs: keeps each enterprise's newest risk snapshot and emits it once, when the input ends (the final
 * watermark fires the end-of-time timer). A file has no upsert, and a year of intermediate snapshots would be
 * written only to be thrown away.
 */
public class LatestRiskSnapshot extends KeyedProcessFunction<String, RiskSnapshot, RiskSnapshot> {
    private static final long serialVersionUID = 1L;
    static final ValueStateDescriptor<RiskSnapshot> LATEST =
            new ValueStateDescriptor<>("latest-risk", TypeInformation.of(RiskSnapshot.class));

    private transient ValueState<RiskSnapshot> latest;

    @Override
    public void open(OpenContext openContext) {
        latest = getRuntimeContext().getState(LATEST);
    }

    @Override
    public void processElement(RiskSnapshot snapshot, Context ctx, Collector<RiskSnapshot> out) throws Exception {
        RiskSnapshot current = latest.value();
        if (current == null) {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        if (current == null || !snapshot.asOf().isBefore(current.asOf())) {
            latest.update(snapshot);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RiskSnapshot> out) throws Exception {
        out.collect(latest.value());
        latest.clear();
    }
}
