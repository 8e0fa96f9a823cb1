package org.laborwatch.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.apache.flink.util.clock.SystemClock;
import org.junit.jupiter.api.Test;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.rules.ruleset.RuleSet;

class SignalTimeTest {

    /**
     * Were the rule-set stream at the end of time, event time would jump there as soon as the signal input went idle
     * (every partition quiet overnight), forget every enterprise and make every later signal late.
     */
    @Test
    void shouldLetTheRuleSetStreamNeitherHoldBackNorMoveEventTime() {
        WatermarkGenerator<RuleSet> generator = SignalTime.ruleSetsNeverMoveEventTime()
                .createWatermarkGenerator(context(SystemClock.getInstance()));
        List<String> said = new ArrayList<>();
        WatermarkOutput output = recording(said);

        generator.onPeriodicEmit(output);
        generator.onEvent(new RuleSet("v1", Map.of("a.drl", "package a")), Long.MIN_VALUE, output);
        generator.onPeriodicEmit(output);

        assertThat(said).containsExactly("idle", "idle");
    }

    /** The Kafka source's event time, as the job builds it: the wall clock once a partition has been quiet. */
    @Test
    void shouldMoveAQuietPartitionToTheWallClockWhenIdleAdvanceIsOn() {
        ManualClock activity = new ManualClock(0);
        StreamTime settings = new StreamTime(Duration.ofSeconds(60), 3, 10, Duration.ofSeconds(1),
                Duration.ofSeconds(2));
        WatermarkGenerator<Decoded> generator = SignalTime.decodedWatermarks(settings)
                .createWatermarkGenerator(context(activity));
        List<String> said = new ArrayList<>();

        long before = System.currentTimeMillis();
        quiet(generator, activity, recording(said), Duration.ofMillis(2200));
        long after = System.currentTimeMillis();

        assertThat(said).contains("idle");
        long watermark = Long.parseLong(said.get(said.size() - 1).substring("watermark ".length()));
        assertThat(watermark).isBetween(before - 60_001, after - 60_001);
    }

    @Test
    void shouldLeaveAQuietPartitionIdleWhereItWasWhenIdleAdvanceIsOff() {
        ManualClock activity = new ManualClock(0);
        StreamTime settings = new StreamTime(Duration.ofSeconds(60), 3, 10, Duration.ofSeconds(1), null);
        WatermarkGenerator<Decoded> generator = SignalTime.decodedWatermarks(settings)
                .createWatermarkGenerator(context(activity));
        List<String> said = new ArrayList<>();

        quiet(generator, activity, recording(said), Duration.ofMinutes(10));

        assertThat(said).containsExactly("idle");
    }

    private static void quiet(WatermarkGenerator<Decoded> generator, ManualClock activity, WatermarkOutput output,
                              Duration duration) {
        for (long done = 0; done <= duration.toMillis(); done += 200) {
            generator.onPeriodicEmit(output);
            activity.advanceTime(Duration.ofMillis(200));
        }
    }

    private static WatermarkGeneratorSupplier.Context context(RelativeClock activity) {
        return new WatermarkGeneratorSupplier.Context() {
            @Override
            public MetricGroup getMetricGroup() {
                return new UnregisteredMetricsGroup();
            }

            @Override
            public RelativeClock getInputActivityClock() {
                return activity;
            }
        };
    }

    private static WatermarkOutput recording(List<String> said) {
        return new WatermarkOutput() {
            @Override
            public void emitWatermark(Watermark watermark) {
                said.add("watermark " + watermark.getTimestamp());
            }

            @Override
            public void markIdle() {
                said.add("idle");
            }

            @Override
            public void markActive() {
                said.add("active");
            }
        };
    }
}
