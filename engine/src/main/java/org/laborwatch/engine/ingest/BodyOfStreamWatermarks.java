package org.laborwatch.engine.ingest;

import java.util.Arrays;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Event time of one partition that follows the body of the stream, not its front: it reaches a time only once
 * {@code quorum} of the partition's last {@code window} signals have reached it. Flink's bounded out-of-orderness
 * takes the single latest time seen, so one record dated months ahead (a mistyped year, a source with a wrong clock)
 * would move event time past every other signal and make them all late. Here fewer than {@code quorum} such records
 * move nothing: they wait, judged when the stream reaches their time (the risk operator counts them as ahead of the
 * stream). A stream that really moves on carries the quorum with it within a few records.
 *
 * <p>The cost is a lag of {@code quorum - 1} signals of the partition, on top of the out-of-orderness: nothing at the
 * thousands a second of a busy city, a few signals' spacing in a quiet one. Event time never goes back.
 */
public final class BodyOfStreamWatermarks<T> implements WatermarkGenerator<T> {
    private final long outOfOrdernessMillis;
    private final int quorum;
    /** The times of the last {@code window} signals, a ring; {@link #seen} says how much of it is filled. */
    private final long[] recent;
    private final long[] scratch;
    private long seen;
    /** {@link #reached()} as of {@link #reachedWhenSeen} signals: a quiet partition is not sorted again. */
    private long reached = Long.MIN_VALUE;
    private long reachedWhenSeen;
    private long emitted = Long.MIN_VALUE;

    public BodyOfStreamWatermarks(StreamTime settings) {
        this.outOfOrdernessMillis = settings.outOfOrderness().toMillis();
        this.quorum = settings.quorum();
        this.recent = new long[settings.window()];
        this.scratch = new long[settings.window()];
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp == Long.MIN_VALUE) {
            return; // a dead letter: it has no event time and moves nothing
        }
        recent[(int) (seen++ % recent.length)] = eventTimestamp;
    }

    /** Periodically, not per signal: finding the quorum's time sorts the window, a few microseconds. */
    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long reached = reached();
        if (reached == Long.MIN_VALUE) {
            return;
        }
        long watermark = reached - outOfOrdernessMillis - 1;
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }

    /** The latest time that {@code quorum} of the recent signals have reached, or MIN_VALUE before there are that many. */
    long reached() {
        int filled = (int) Math.min(seen, recent.length);
        if (filled < quorum) {
            return Long.MIN_VALUE;
        }
        if (seen != reachedWhenSeen) {
            System.arraycopy(recent, 0, scratch, 0, filled);
            Arrays.sort(scratch, 0, filled);
            reached = scratch[filled - quorum];
            reachedWhenSeen = seen;
        }
        return reached;
    }
}
