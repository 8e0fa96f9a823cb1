package org.laborwatch.engine.ingest;

import java.io.Serializable;
import java.time.Duration;
import org.laborwatch.engine.config.EngineConfig;

/**
 * How a live stream's event time moves (the job on Kafka; bounded inputs are judged in event-time order and need
 * none of this). Values come from {@code config/laborwatch.properties}.
 *
 * @param outOfOrderness     how long a signal waits for earlier ones before it is judged
 * @param quorum             event time reaches a time only once this many of a partition's recent signals have
 *                           reached it ({@link BodyOfStreamWatermarks})
 * @param window             how many of a partition's latest signals count as recent
 * @param partitionIdleness  a partition silent this long stops holding event time back, or null for never
 * @param idleAdvance        a partition silent this long moves its event time to the wall clock less the
 *                           out-of-orderness ({@link WallClockWhenQuiet}), or null for never
 */
public record StreamTime(Duration outOfOrderness, int quorum, int window, Duration partitionIdleness,
                         Duration idleAdvance) implements Serializable {

    public StreamTime {
        if (quorum < 1 || window < quorum) {
            throw new IllegalArgumentException("stream.quorum must be at least 1 and at most stream.window, got "
                    + quorum + " of " + window);
        }
        if (idleAdvance != null && (idleAdvance.isZero() || idleAdvance.isNegative())) {
            throw new IllegalArgumentException("stream.idle-advance must be longer than nothing, or off; got "
                    + idleAdvance);
        }
    }

    /** Event time that follows the signals alone, however long the stream is quiet. */
    public StreamTime(Duration outOfOrderness, int quorum, int window, Duration partitionIdleness) {
        this(outOfOrderness, quorum, window, partitionIdleness, null);
    }

    /** What {@code config/laborwatch.properties}, as bundled with the engine, says. */
    public static StreamTime defaults() {
        return EngineConfig.bundled().stream();
    }

    public StreamTime withOutOfOrderness(Duration duration) {
        return new StreamTime(duration, quorum, window, partitionIdleness, idleAdvance);
    }

    public StreamTime withPartitionIdleness(Duration idleness) {
        return new StreamTime(outOfOrderness, quorum, window, idleness, idleAdvance);
    }

    /** @param quiet how long a partition must be silent before its event time follows the wall clock; null: never */
    public StreamTime withIdleAdvance(Duration quiet) {
        return new StreamTime(outOfOrderness, quorum, window, partitionIdleness, quiet);
    }
}
