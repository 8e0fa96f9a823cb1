package org.laborwatch.engine.ingest;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.laborwatch.connectors.json.Decoded;
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
     * For a source that decodes as it reads, applied per split (per Kafka partition), so a partition that is ahead
     * in event time cannot make another's signals late. Dead letters carry no event time and move nothing. A
     * partition silent for {@code idleness} stops holding event time back (null: never), which a live stream
     * needs when some partitions receive nothing.
     */
    public static WatermarkStrategy<Decoded> decodedWatermarks(Duration outOfOrderness, Duration idleness) {
        WatermarkStrategy<Decoded> strategy = WatermarkStrategy.<Decoded>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((decoded, recordTime) -> decoded instanceof Decoded.Accepted a
                        ? a.signal().occurredAtMillis() : Long.MIN_VALUE);
        return idleness == null ? strategy : strategy.withIdleness(idleness);
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
