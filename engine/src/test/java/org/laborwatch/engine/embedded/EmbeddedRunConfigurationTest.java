package org.laborwatch.engine.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.junit.jupiter.api.Test;

/** A file run's local cluster: batch execution, and a REST API that answers this host only and takes no jobs. */
class EmbeddedRunConfigurationTest {

    @Test
    void shouldRunInBatchExecutionOnAClusterThatAnswersThisHostOnly() {
        Configuration conf = EmbeddedRun.localConfiguration();

        assertThat(conf.get(ExecutionOptions.RUNTIME_MODE)).isEqualTo(RuntimeExecutionMode.BATCH);
        assertThat(conf.get(RestOptions.BIND_ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(conf.get(WebOptions.SUBMIT_ENABLE)).isFalse();
        assertThat(conf.get(WebOptions.CANCEL_ENABLE)).isFalse();
    }
}
