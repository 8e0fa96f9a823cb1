package org.laborwatch.engine.ingest;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.ruleset.RuleSet;

/** Event time for signals, and for the rule-set stream that must never hold it back. */
public final class SignalTime {

    private SignalTime() {
    }

    /** Signals may arrive up to {@code outOfOrderness} out of order before they count as late. */
    public static WatermarkStrategy<Signal> watermarks(Duration outOfOrderness) {
        return WatermarkStrategy.<Signal>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((signal, previous) -> signal.occurredAtMillis());
    }

    /**
     * A rule-set stream has no event time of its own. Without watermarks it would pin the risk operator's event time
     * at its minimum and no signal would ever be judged, so it declares itself always caught up.
     */
    public static WatermarkStrategy<RuleSet> neverHoldsBackEventTime() {
        return WatermarkStrategy.forGenerator(ctx -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(RuleSet event, long eventTimestamp, WatermarkOutput output) {
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(new Watermark(Long.MAX_VALUE));
            }
        });
    }
}
