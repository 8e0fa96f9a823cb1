package org.laborwatch.engine.ingest;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.Clock;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Event time of one partition of a live stream once it has gone quiet: silent for {@code stream.idle-advance}, it
 * moves to the wall clock less the out-of-orderness; while records come, it is what the stream's own generator says
 * ({@link BodyOfStreamWatermarks}, with partition idleness).
 *
 * <p>Why: event time otherwise moves only with the signals. A partition that receives one signal dated now (a case
 * outcome, after a quiet night) never gathers the quorum that would pass it, and a partition marked idle holds event
 * time where it was: the signal waits until more signals arrive, possibly for hours. After the quiet spell, what
 * stands in for the missing signals is the clock: anything dated before now less the out-of-orderness that is still
 * to come is late, and judged as any late signal is (within its source's allowed lateness).
 *
 * <p>Never during catch-up: a partition with records to deliver is not silent, and time the source spends blocked
 * by backpressure does not count as silence ({@code getInputActivityClock}, the clock Flink's own idleness uses).
 * Event time is the minimum over partitions, so a quiet partition at the wall clock never passes one still reading
 * its backlog. Never backwards: the stream's generator may say less after a jump (its quorum is still months
 * behind); nothing below what was emitted goes out. A stream whose body is ahead of the clock stays where it is.
 *
 * <p>What it costs: a partition's event time can jump from the last signal's time to now in one step, so everything
 * that waited is judged, every TTL that fell due in between fires (those enterprises are forgotten), and signals
 * dated before the jump are late from then on. With event time at the wall clock that is what lateness means
 * anyway; for a live job fed old data in bursts (a test, a replay in parts) it is wrong, so it can be off.
 */
public final class WallClockWhenQuiet<T> implements WatermarkGenerator<T> {
    private final WatermarkGenerator<T> stream;
    private final long quietNanos;
    private final long outOfOrdernessMillis;
    private final RelativeClock activity;
    private final Clock wall;
    private final NeverBack never = new NeverBack();
    /** Records seen, and how many there were when {@link #quietSince} was last set: no clock read per record. */
    private long records;
    private long recordsWhenLooked;
    private long quietSince;
    private long emitted = Long.MIN_VALUE;

    /**
     * @param stream   the partition's event time while it speaks
     * @param activity the source's input activity clock: it stands still while the source is blocked
     * @param wall     the wall clock ({@link Clock#absoluteTimeMillis})
     */
    public WallClockWhenQuiet(WatermarkGenerator<T> stream, Duration quiet, Duration outOfOrderness,
                              RelativeClock activity, Clock wall) {
        this.stream = stream;
        this.quietNanos = quiet.toNanos();
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
        this.activity = activity;
        this.wall = wall;
        this.quietSince = activity.relativeTimeNanos();
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        records++;
        stream.onEvent(event, eventTimestamp, never.to(output));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = activity.relativeTimeNanos();
        if (records != recordsWhenLooked) {
            recordsWhenLooked = records;
            quietSince = now;
        }
        if (now - quietSince < quietNanos) {
            stream.onPeriodicEmit(never.to(output));
            return;
        }
        // Minus one, as the stream's own watermarks: a signal dated exactly then may still come and is not late.
        never.to(output).emitWatermark(new Watermark(wall.absoluteTimeMillis() - outOfOrdernessMillis - 1));
    }

    /** Passes on only watermarks beyond the last one emitted, whichever rule made it. */
    private final class NeverBack implements WatermarkOutput {
        private WatermarkOutput output;

        WatermarkOutput to(WatermarkOutput target) {
            this.output = target;
            return this;
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            if (watermark.getTimestamp() > emitted) {
                emitted = watermark.getTimestamp();
                output.emitWatermark(watermark);
            }
        }

        @Override
        public void markIdle() {
            output.markIdle();
        }

        @Override
        public void markActive() {
            output.markActive();
        }
    }
}
