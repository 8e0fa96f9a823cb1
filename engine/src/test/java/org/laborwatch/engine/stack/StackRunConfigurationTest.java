package org.laborwatch.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.embedded.EmbeddedRun;
import org.laborwatch.engine.ingest.StreamTime;
import org.laborwatch.engine.local.LoopbackPrometheusReporterFactory;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.rules.ruleset.RuleSets;
import org.laborwatch.rules.ruleset.SessionMode;

/** What the delivery guarantee asks of Flink's configuration on the stack. */
class StackRunConfigurationTest {
    private static final StackRun.Options EXACTLY_ONCE = new StackRun.Options("127.0.0.1:9092", "test", null, null,
            RuleSets.bundled(), EvaluatorFactory.drools(SessionMode.LONG_LIVED), RiskConfig.defaults(),
            StreamTime.defaults(), SignalCodec.defaults(), 2, Duration.ofSeconds(10), Path.of("/tmp/chk"),
            null, 0);

    @Test
    void shouldPaceForLatencyOnlyWhenDeliveringAtLeastOnce() {
        Configuration atLeastOnce = StackRun.configuration(EXACTLY_ONCE.withDelivery(DeliveryGuarantee.AT_LEAST_ONCE));
        assertThat(atLeastOnce.get(PipelineOptions.AUTO_WATERMARK_INTERVAL)).isEqualTo(Duration.ofMillis(20));
        assertThat(atLeastOnce.get(ExecutionOptions.BUFFER_TIMEOUT)).isEqualTo(Duration.ofMillis(5));

        Configuration exactlyOnce = StackRun.configuration(EXACTLY_ONCE);
        assertThat(exactlyOnce.contains(PipelineOptions.AUTO_WATERMARK_INTERVAL)).isFalse();
        assertThat(exactlyOnce.contains(ExecutionOptions.BUFFER_TIMEOUT)).isFalse();
    }

    /** Over known input the run sorts, as a file run does: batch execution, no checkpoints, the sort in memory. */
    @Test
    void shouldRunABoundedRangeInBatchExecution() {
        StackRun.Options bounded = new StackRun.Options("127.0.0.1:9092", "test", Map.of(), Map.of(),
                RuleSets.bundled(), EvaluatorFactory.drools(SessionMode.LONG_LIVED), RiskConfig.defaults(),
                StreamTime.defaults(), SignalCodec.defaults(), 2, Duration.ofSeconds(10), Path.of("/tmp/chk"),
                null, 0);

        Configuration conf = StackRun.batch(bounded);

        assertThat(bounded.bounded()).isTrue();
        assertThat(EXACTLY_ONCE.bounded()).isFalse();
        assertThat(conf.get(ExecutionOptions.RUNTIME_MODE)).isEqualTo(RuntimeExecutionMode.BATCH);
        assertThat(conf.contains(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isFalse();
        assertThat(conf.get(TaskManagerOptions.MANAGED_MEMORY_SIZE)).isEqualTo(EmbeddedRun.SORT_MEMORY);
    }

    @Test
    void shouldAlwaysCheckpointAndKeepCheckpointsOnCancel() {
        Configuration conf = StackRun.configuration(EXACTLY_ONCE);
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(10));
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).startsWith("file:///tmp/chk");
        assertThat(conf.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT)).isEqualTo(StackRun.CHECKPOINT_TIMEOUT);
    }

    /** The local cluster of a stack run, and the index job's beside it, answer this host only and take no jobs. */
    @Test
    void shouldServeTheWebUiAndMetricsOnLoopbackOnlyWithoutWebSubmission() {
        for (Configuration conf : List.of(StackRun.configuration(EXACTLY_ONCE), StackRun.batch(EXACTLY_ONCE))) {
            assertThat(conf.get(RestOptions.BIND_ADDRESS)).isEqualTo("127.0.0.1");
            assertThat(conf.get(RestOptions.ADDRESS)).isEqualTo("127.0.0.1");
            assertThat(conf.get(JobManagerOptions.BIND_HOST)).isEqualTo("127.0.0.1");
            assertThat(conf.get(TaskManagerOptions.BIND_HOST)).isEqualTo("127.0.0.1");
            assertThat(conf.get(WebOptions.SUBMIT_ENABLE)).isFalse();
            assertThat(conf.get(WebOptions.CANCEL_ENABLE)).isFalse();
            assertThat(conf.toMap()).containsEntry("metrics.reporter.prom.factory.class",
                    LoopbackPrometheusReporterFactory.class.getName())
                    .containsEntry("metrics.reporter.prom.port", StackRun.METRICS_PORTS);
        }
    }
}
