package org.laborwatch.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class BodyOfStreamWatermarksTest {
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long MINUTE = Duration.ofMinutes(1).toMillis();

    private final Recording output = new Recording();
    private final BodyOfStreamWatermarks<Object> watermarks = new BodyOfStreamWatermarks<>(
            new StreamTime(Duration.ofMinutes(1), 3, 10, null));

    private void see(long... times) {
        for (long t : times) {
            watermarks.onEvent(null, t, output);
        }
        watermarks.onPeriodicEmit(output);
    }

    @Test
    void shouldEmitNothingUntilAQuorumOfSignalsHasArrived() {
        see(DAY, 2 * DAY);

        assertThat(output.watermarks).isEmpty();
    }

    @Test
    void shouldFollowTheTimeAQuorumOfSignalsHasReached() {
        see(DAY, 2 * DAY, 3 * DAY, 4 * DAY);

        assertThat(output.last()).isEqualTo(2 * DAY - MINUTE - 1);
    }

    @Test
    void shouldNotLetOneOutlierDragEventTimeForward() {
        see(DAY, 2 * DAY, 3 * DAY);
        see(400 * DAY); // a mistyped month
        see(3 * DAY + 1, 3 * DAY + 2);

        assertThat(output.last()).as("still the body of the stream").isLessThan(4 * DAY);
    }

    @Test
    void shouldFollowAStreamThatReallyMovesOn() {
        see(DAY, 2 * DAY, 3 * DAY);
        see(400 * DAY, 401 * DAY, 402 * DAY); // three agree: this is where the stream is now

        assertThat(output.last()).isEqualTo(400 * DAY - MINUTE - 1);
    }

    @Test
    void shouldForgetOutliersThatHaveLeftTheWindow() {
        see(DAY, 2 * DAY, 400 * DAY, 3 * DAY, 500 * DAY); // two outliers: not a quorum
        for (int i = 0; i < 10; i++) {
            see(4 * DAY + i); // the window of ten moves past both
        }
        see(600 * DAY); // a third, much later: alone in the window

        assertThat(output.last()).isLessThan(5 * DAY);
    }

    @Test
    void shouldIgnoreDeadLettersAndNeverGoBack() {
        see(DAY, 2 * DAY, 3 * DAY, 4 * DAY);
        long reached = output.last();
        see(Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE); // dead letters carry no event time
        see(DAY, DAY, DAY); // a late batch

        assertThat(output.last()).isEqualTo(reached);
        assertThat(output.watermarks).isSorted();
    }

    private static final class Recording implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
        }

        @Override
        public void markActive() {
        }

        long last() {
            return watermarks.get(watermarks.size() - 1);
        }
    }
}
