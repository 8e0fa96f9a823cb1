package org.laborwatch.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.RelativeClock;
import org.apache.flink.util.clock.SystemClock;
import org.junit.jupiter.api.Test;
import org.laborwatch.rules.ruleset.RuleSet;

class SignalTimeTest {

    /**
     * Were the rule-set stream at the end of time, event time would jump there as soon as the signal input went idle
     * (every partition quiet overnight), forget every enterprise and make every later signal late.
     */
    @Test
    void shouldLetTheRuleSetStreamNeitherHoldBackNorMoveEventTime() {
        WatermarkGenerator<RuleSet> generator = SignalTime.ruleSetsNeverMoveEventTime()
                .createWatermarkGenerator(new WatermarkGeneratorSupplier.Context() {
                    @Override
                    public MetricGroup getMetricGroup() {
                        return new UnregisteredMetricsGroup();
                    }

                    @Override
                    public RelativeClock getInputActivityClock() {
                        return SystemClock.getInstance();
                    }
                });
        List<String> said = new ArrayList<>();
        WatermarkOutput output = new WatermarkOutput() {
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

        generator.onPeriodicEmit(output);
        generator.onEvent(new RuleSet("v1", Map.of("a.drl", "package a")), Long.MIN_VALUE, output);
        generator.onPeriodicEmit(output);

        assertThat(said).containsExactly("idle", "idle");
    }
}
