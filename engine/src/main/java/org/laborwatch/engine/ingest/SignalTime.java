package org.laborwatch.engine.ingest;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.clock.SystemClock;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.ruleset.RuleSet;

/**
 * Event time of a live stream: signals' watermarks follow the body of each partition ({@link BodyOfStreamWatermarks}),
 * and the rule-set stream never moves event time at all. Bounded inputs run in batch execution, where Flink ignores
 * watermarks: there an enterprise's signals are all judged, in event-time order, once its input has ended.
 */
public final class SignalTime {

    private SignalTime() {
    }

    /** For signals decoded before event time is assigned (a file's lines, in a streaming run). */
    public static WatermarkStrategy<Signal> watermarks(StreamTime settings) {
        return WatermarkStrategy.<Signal>forGenerator(ctx -> new BodyOfStreamWatermarks<>(settings))
                .withTimestampAssigner((signal, previous) -> signal.occurredAtMillis());
    }

    /**
     * For a source that decodes as it reads, applied per split (per Kafka partition), so a partition that is ahead
     * in event time cannot make another's signals late. Dead letters carry no event time and move nothing. A
     * partition silent for {@link StreamTime#partitionIdleness} stops holding event time back, which a live stream
     * needs when some partitions receive nothing; one silent for {@link StreamTime#idleAdvance} moves its event time
     * to the wall clock less the out-of-orderness ({@link WallClockWhenQuiet}), so a signal dated now is judged once
     * the stream is quiet instead of waiting for more signals.
     */
    public static WatermarkStrategy<Decoded> decodedWatermarks(StreamTime settings) {
        WatermarkStrategy<Decoded> body = WatermarkStrategy.forGenerator(ctx -> new BodyOfStreamWatermarks<>(settings));
        WatermarkStrategy<Decoded> speaking = settings.partitionIdleness() == null ? body
                : body.withIdleness(settings.partitionIdleness());
        WatermarkStrategy<Decoded> live = settings.idleAdvance() == null ? speaking
                : WatermarkStrategy.forGenerator(ctx -> new WallClockWhenQuiet<>(
                        speaking.createWatermarkGenerator(ctx), settings.idleAdvance(), settings.outOfOrderness(),
                        ctx.getInputActivityClock(), SystemClock.getInstance()));
        return live.withTimestampAssigner((decoded, recordTime) -> decoded instanceof Decoded.Accepted a
                ? a.signal().occurredAtMillis() : Long.MIN_VALUE);
    }

    /**
     * A rule-set stream has no event time of its own and must neither hold event time back nor push it on. It says it
     * is idle, always: Flink then takes event time from the signals alone. Were it at the end of time instead, a
     * signal input gone idle (every partition quiet overnight) would leave it the only input, and event time would
     * jump to the end, forget every enterprise and make every later signal late. A published rule set makes it active
     * until the next periodic watermark, at most a watermark interval of held-back event time.
     */
    public static WatermarkStrategy<RuleSet> ruleSetsNeverMoveEventTime() {
        return WatermarkStrategy.forGenerator(ctx -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(RuleSet event, long eventTimestamp, WatermarkOutput output) {
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.markIdle();
            }
        });
    }
}
