package org.laborwatch.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarksWithIdleness;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

/** A quiet partition's event time: the stream's own while records come, the wall clock once it has been silent. */
class WallClockWhenQuietTest {
    private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(60);
    private static final Duration IDLENESS = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(60);
    private static final Duration PERIOD = Duration.ofMillis(200);
    /** The wall clock when the test starts: months after the stream's signals. */
    private static final Instant NOW = Instant.parse("2026-11-30T05:41:00Z");
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long YEAR_AGO = NOW.toEpochMilli() - 365 * DAY;

    /** The source's input activity clock: it stands still while the source is blocked by backpressure. */
    private final ManualClock activity = new ManualClock(0);
    private final ManualClock wall = new ManualClock(NOW.toEpochMilli() * 1_000_000);
    private final Recording output = new Recording();
    private final WatermarkGenerator<Object> watermarks = new WallClockWhenQuiet<>(
            new WatermarksWithIdleness<>(new BodyOfStreamWatermarks<>(
                    new StreamTime(OUT_OF_ORDERNESS, 3, 10, IDLENESS)), IDLENESS, activity),
            QUIET, OUT_OF_ORDERNESS, activity, wall);

    private void see(long... times) {
        for (long t : times) {
            watermarks.onEvent(null, t, output);
        }
        watermarks.onPeriodicEmit(output);
    }

    /** Time passes for everyone, the watermark generator asked every period as Flink asks it. */
    private void pass(Duration duration) {
        for (long done = 0; done < duration.toMillis(); done += PERIOD.toMillis()) {
            activity.advanceTime(PERIOD);
            wall.advanceTime(PERIOD);
            watermarks.onPeriodicEmit(output);
        }
    }

    private static long wallClockLessOutOfOrderness(ManualClock wall) {
        return wall.absoluteTimeMillis() - OUT_OF_ORDERNESS.toMillis() - 1;
    }

    @Test
    void shouldFollowTheBodyOfTheStreamWhileRecordsCome() {
        see(YEAR_AGO, YEAR_AGO + DAY, YEAR_AGO + 2 * DAY, YEAR_AGO + 3 * DAY);
        pass(Duration.ofSeconds(20));
        see(YEAR_AGO + 4 * DAY);
        pass(Duration.ofSeconds(50)); // never silent for the whole minute

        assertThat(output.last()).isEqualTo(YEAR_AGO + 2 * DAY - OUT_OF_ORDERNESS.toMillis() - 1);
    }

    @Test
    void shouldMoveToTheWallClockLessTheOutOfOrdernessOnceSilentLongEnough() {
        see(YEAR_AGO, YEAR_AGO + DAY, YEAR_AGO + 2 * DAY, YEAR_AGO + 3 * DAY);

        pass(QUIET.minus(PERIOD));
        assertThat(output.last()).as("not yet").isLessThan(YEAR_AGO + 3 * DAY);
        assertThat(output.idle).as("idle after the partition idleness, as before").isTrue();

        pass(PERIOD.multipliedBy(2));
        assertThat(output.last()).isEqualTo(wallClockLessOutOfOrderness(wall));
        assertThat(output.idle).as("a watermark makes the partition active again").isFalse();

        pass(Duration.ofMinutes(10));
        assertThat(output.last()).as("and keeps following it").isEqualTo(wallClockLessOutOfOrderness(wall));
    }

    @Test
    void shouldMoveAPartitionThatNeverHadASignalToTheWallClock() {
        pass(QUIET.plus(PERIOD));

        assertThat(output.last()).isEqualTo(wallClockLessOutOfOrderness(wall));
    }

    /** A lone signal dated now never gathers a quorum: the quiet spell after it is what lets it be judged. */
    @Test
    void shouldPassALoneSignalDatedNowAboutAQuietSpellAfterItArrived() {
        pass(QUIET.plus(PERIOD)); // the stream has been quiet: event time is the wall clock's
        long outcome = wall.absoluteTimeMillis();
        see(outcome);

        pass(QUIET.minus(PERIOD));
        assertThat(output.last()).as("the minute it may wait for earlier signals").isLessThan(outcome);

        pass(PERIOD.multipliedBy(2));
        assertThat(output.last()).isGreaterThanOrEqualTo(outcome);
    }

    @Test
    void shouldNeverMoveEventTimeBackWhenRecordsComeAgainAfterAJump() {
        see(YEAR_AGO, YEAR_AGO + DAY, YEAR_AGO + 2 * DAY);
        pass(QUIET.plus(PERIOD));
        long jumped = output.last();

        see(YEAR_AGO + 3 * DAY, YEAR_AGO + 4 * DAY, YEAR_AGO + 5 * DAY); // old signals: the body is a year behind
        pass(Duration.ofSeconds(10));

        assertThat(output.watermarks).isSorted();
        assertThat(output.last()).isEqualTo(jumped);
    }

    /** Blocked by backpressure, a partition with a backlog is not quiet: the activity clock stands still. */
    @Test
    void shouldNotCountTimeBlockedByBackpressureAsSilence() {
        see(YEAR_AGO, YEAR_AGO + DAY, YEAR_AGO + 2 * DAY, YEAR_AGO + 3 * DAY);
        long before = output.last();

        for (int i = 0; i < 3000; i++) { // ten minutes of wall clock, the source blocked throughout
            wall.advanceTime(PERIOD);
            watermarks.onPeriodicEmit(output);
        }

        assertThat(output.last()).isEqualTo(before);
    }

    @Test
    void shouldStayWhereTheBodyIsWhenItIsAheadOfTheWallClock() {
        long tomorrow = NOW.toEpochMilli() + DAY;
        see(tomorrow, tomorrow, tomorrow, tomorrow); // a quorum dated tomorrow (a source's clock is a day ahead)
        long reached = output.last();

        pass(QUIET.plus(PERIOD));

        assertThat(output.last()).isEqualTo(reached);
    }

    private static final class Recording implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        boolean idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }

        long last() {
            return watermarks.isEmpty() ? Long.MIN_VALUE : watermarks.get(watermarks.size() - 1);
        }
    }
}
